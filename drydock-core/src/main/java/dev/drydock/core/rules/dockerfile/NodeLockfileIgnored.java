package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "node-lockfile-ignored",
        title = "The Node.js install does not follow the lock file",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "npm, yarn, pnpm and bun installs in every stage an image is built from (builder stages too) that"
                + " are told to ignore the lock file (pnpm install --no-frozen-lockfile or --frozen-lockfile=false,"
                + " npm install --no-package-lock or --package-lock=false, yarn install --no-lockfile or"
                + " --no-immutable), or that run after an rm of the lock file (package-lock.json, npm-shrinkwrap.json,"
                + " yarn.lock, pnpm-lock.yaml, bun.lock, bun.lockb) earlier in the same RUN or in an earlier RUN of"
                + " the stage. Images built only for development are not looked at.",
        problem = "Without its lock file the package manager resolves every version range of package.json (and of"
                + " each workspace's package.json) again against the registry of the day, instead of installing the"
                + " exact versions the lock file pins and the project was tested with.",
        impact = "Two builds of the same commit can ship different dependency versions: a release published"
                + " between them (a breaking minor version, or a compromised package) ends up in the image without"
                + " any change in the repository.",
        recommendation = "Keep the lock file and install from it, failing when it is out of date: npm ci,"
                + " pnpm install --frozen-lockfile, yarn install --immutable (Yarn 2+) or --frozen-lockfile (Yarn 1),"
                + " bun install --frozen-lockfile; update the lock file in the repository, not in the build.",
        references = {
                "https://pnpm.io/cli/install#--frozen-lockfile",
                "https://docs.npmjs.com/cli/commands/npm-ci",
                "https://yarnpkg.com/cli/install",
                "https://bun.sh/docs/cli/install"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        RUN corepack enable
                        WORKDIR /app
                        COPY package.json pnpm-lock.yaml ./
                        RUN pnpm install --prod --no-frozen-lockfile
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """,
                good = """
                        FROM node:22.11.0-slim
                        RUN corepack enable
                        WORKDIR /app
                        COPY package.json pnpm-lock.yaml ./
                        RUN pnpm install --prod --frozen-lockfile
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """))
public final class NodeLockfileIgnored implements Rule {

    private static final Set<String> LOCK_FILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml", "bun.lock", "bun.lockb");
    /** The options that make each manager ignore its lock file. */
    private static final Map<String, Set<String>> IGNORING = Map.of(
            "pnpm", Set.of("--no-frozen-lockfile", "--frozen-lockfile=false"),
            "npm", Set.of("--no-package-lock", "--package-lock=false"),
            "yarn", Set.of("--no-lockfile", "--no-immutable", "--immutable=false"));
    private static final Map<String, String> FOLLOWING = Map.of("npm", "npm ci", "pnpm", "pnpm install --frozen-lockfile",
            "yarn", "yarn install --immutable (Yarn 1: --frozen-lockfile)", "bun", "bun install --frozen-lockfile");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            List<RunStep> runs = RunStep.of(image.model(), image.neededStages());
            for (int r = 0; r < runs.size(); r++) {
                RunStep run = runs.get(r);
                List<Call> calls = run.calls();
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    if (!installs(call) || !reported.add(image.dockerfile() + ":" + call.span())) {
                        continue;
                    }
                    String text = call.name() + " " + call.options().subcommand().map(Call.Arg::value).orElse("");
                    Optional<Call.Arg> ignoring = ignoringOption(call);
                    if (ignoring.isPresent()) {
                        report(context, image, call, "`" + text.strip() + "` runs with " + ignoring.get().value()
                                + ", so " + call.name() + " resolves the version ranges of package.json again instead of"
                                + " installing the versions its lock file pins");
                        continue;
                    }
                    removedLockFile(runs, r, i).ifPresent(removal -> report(context, image, call, "`" + text.strip()
                            + "` runs after " + removal + " deleted the lock file, so " + call.name() + " resolves the"
                            + " version ranges of package.json again instead of installing the versions it pinned"));
                }
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, Call call, String message) {
        context.finding(this, image.dockerfile(), call.span(), message)
                .recommendation("Install from the lock file and fail when it is out of date: "
                        + FOLLOWING.get(call.name()) + "; update the lock file in the repository, not in the build.")
                .add();
    }

    /** npm install/ci, yarn (install), pnpm install and bun install, without packages to add. */
    private static boolean installs(Call call) {
        if (!call.is("npm", "yarn", "pnpm", "bun")) {
            return false;
        }
        List<Call.Arg> operands = call.options("-w", "--workspace", "--filter", "-F", "-C", "--dir", "--cwd",
                "--prefix").operands();
        String sub = operands.isEmpty() ? "" : operands.get(0).value();
        return switch (call.name()) {
            case "yarn" -> sub.isEmpty() || sub.equals("install");
            case "npm" -> sub.equals("ci") || (sub.equals("install") || sub.equals("i")) && operands.size() == 1;
            default -> (sub.equals("install") || sub.equals("i")) && operands.size() == 1;
        };
    }

    private static Optional<Call.Arg> ignoringOption(Call call) {
        Set<String> ignoring = IGNORING.getOrDefault(call.name(), Set.of());
        return call.args().stream().filter(a -> ignoring.contains(a.value())).findFirst();
    }

    /** The rm (as written) of a lock file before the install: earlier in its RUN, or in an earlier RUN of the stage. */
    private static Optional<String> removedLockFile(List<RunStep> runs, int run, int call) {
        RunStep current = runs.get(run);
        for (int r = 0; r <= run; r++) {
            RunStep step = runs.get(r);
            if (step.stage().index() != current.stage().index()) {
                continue;
            }
            List<Call> calls = step.calls();
            int end = r == run ? call : calls.size();
            for (int i = 0; i < end; i++) {
                Call rm = calls.get(i);
                if (rm.is("rm") && rm.options().operands().stream()
                        .anyMatch(a -> LOCK_FILES.contains(PathNames.fileName(a.value())))) {
                    String words = String.join(" ", rm.args().stream().map(Call.Arg::value).toList());
                    return Optional.of("`rm " + words + "` (line " + step.instruction().startLine() + ")");
                }
            }
        }
        return Optional.empty();
    }
}
