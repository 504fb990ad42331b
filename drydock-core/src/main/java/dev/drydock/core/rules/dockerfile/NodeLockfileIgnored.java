package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.NodeManagerOptions;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
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
                + " the stage; also an install (without an option that demands the lock file, which then fails"
                + " loudly) in the folder where a COPY of the stage or the stages it is built on put a package.json"
                + " of the build context, whose lock file of that manager lies beside it in the context (and the"
                + " .dockerignore lets it in) but no COPY before the install brings it (COPY package.json ./ then bun"
                + " install), unless another stage's files or a bind mount may bring it. Images built only for"
                + " development are not looked at.",
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

    private static final Set<String> LOCK_FILES = LockFile.fileNames(Ecosystem.NPM);
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
                    Optional<String> removal = removedLockFile(runs, r, i);
                    if (removal.isPresent()) {
                        report(context, image, call, "`" + text.strip() + "` runs after " + removal.get() + " deleted"
                                + " the lock file, so " + call.name() + " resolves the version ranges of package.json"
                                + " again instead of installing the versions it pinned");
                        continue;
                    }
                    lockFileLeftOut(context, image, run, call).ifPresent(left -> context.finding(this,
                                    image.dockerfile(), call.span(), "`" + text.strip() + "` runs in "
                                    + left.directory() + ", where " + left.manifestCopy() + " put package.json, but no"
                                    + " COPY before it brings " + left.lockFile() + ", which lies beside package.json"
                                    + " in the build context (" + left.contextPath() + "): " + call.name()
                                    + " resolves the version ranges of package.json again instead of installing the"
                                    + " versions " + left.lockFile() + " pins")
                            .recommendation("Copy the lock file with the manifest, " + left.withLockFile()
                                    + ", and install from it, failing when it is out of date: "
                                    + FOLLOWING.get(call.name()) + ".")
                            .add());
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
        List<Call.Arg> operands = call.options(NodeManagerOptions.valueOptionArray(call.name())).operands();
        String sub = operands.isEmpty() ? "" : operands.get(0).value();
        return switch (call.name()) {
            case "yarn" -> sub.isEmpty() || sub.equals("install");
            case "npm" -> sub.equals("ci") || (sub.equals("install") || sub.equals("i")) && operands.size() == 1;
            default -> (sub.equals("install") || sub.equals("i")) && operands.size() == 1;
        };
    }

    /** The options with which an install stops when the lock file is missing or out of date. */
    private static final Set<String> DEMANDING = Set.of("--frozen-lockfile", "--immutable", "--ci");

    /**
     * A lock file the build context holds beside the package.json a COPY put where the install runs, which no COPY
     * before the install brings.
     *
     * @param directory the folder the install runs in
     * @param manifestCopy the COPY that put package.json there, with its line
     * @param lockFile the lock file's name
     * @param contextPath the lock file's path in the project
     */
    private record LeftOut(String directory, String manifestCopy, String lockFile, String contextPath,
            String withLockFile) {}

    private static Optional<LeftOut> lockFileLeftOut(ReviewContext context, BuiltImage image, RunStep run, Call call) {
        BuildLink build = image.container() == null ? null : image.container().build();
        String directory = run.directoryAt(call);
        if (build == null || directory == null || DependencyInstalls.namedDirectory(call).isPresent()
                || call.is("npm") && call.options().operands().get(0).value().equals("ci")
                || call.args().stream().anyMatch(a -> DEMANDING.contains(a.value()))
                || run.mounts().stream().anyMatch(m -> m.type().equals("bind"))) {
            return Optional.empty();
        }
        int at = run.instruction().span().start();
        List<Stage> lineage = Stages.lineage(image.model(), run.stage());
        if (BuildContexts.otherSourceBefore(image.model(), run.stage(), at)) {
            return Optional.empty(); // another stage's or image's files may hold the lock file
        }
        List<BuildContexts.ContextCopy> before = BuildContexts.copies(build).stream()
                .filter(c -> lineage.contains(c.stage()) && c.copy().instruction().span().start() < at).toList();
        String manifestPath = ContainerPaths.clean(PathNames.join(directory, "package.json"));
        for (ProjectEntry entry : context.project().layout().entries()) {
            if (!entry.name().equals("package.json") || !PathNames.isUnder(entry.path(), build.context())) {
                continue;
            }
            String manifest = BuildContexts.inContext(build, entry.path());
            Optional<BuildContexts.ContextCopy> manifestCopy = before.stream()
                    .filter(c -> landsAt(context, build, c, manifest, manifestPath)).findFirst();
            if (manifestCopy.isEmpty()) {
                continue;
            }
            for (String lockFile : LockFile.fileNamesOf(call.name())) {
                String lock = PathNames.join(PathNames.parent(manifest), lockFile);
                String lockPath = ContainerPaths.clean(PathNames.join(directory, lockFile));
                if (context.project().files().exists(PathNames.join(build.context(), lock))
                        && build.ignore().includes(lock)
                        && before.stream().noneMatch(c -> landsAt(context, build, c, lock, lockPath))) {
                    BuildContexts.ContextCopy bringing = manifestCopy.get();
                    String withLock = bringing.sources().size() == 1 && bringing.copy().heredocs().isEmpty()
                            ? "`" + bringing.text().replace(bringing.sources().get(0), bringing.sources().get(0) + " "
                                    + PathNames.join(PathNames.parent(bringing.sources().get(0)), lockFile)) + "`"
                            : "by adding " + lock + " to `" + bringing.text() + "`";
                    return Optional.of(new LeftOut(directory, "`" + bringing.text() + "` (line " + bringing.line()
                            + ")", lockFile, BuildContexts.inProject(build, lock), withLock));
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean landsAt(ReviewContext context, BuildLink build, BuildContexts.ContextCopy copy,
            String contextPath, String containerPath) {
        return BuildContexts.landing(context.project(), build, copy, contextPath).stream()
                .anyMatch(p -> ContainerPaths.clean(p).equals(containerPath));
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
