package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DockerfileEdits;
import dev.drydock.core.rules.support.NodeManagerOptions;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.UserIds;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "node-package-cache-in-image",
        title = "npm or yarn leaves its download cache in the image",
        severity = Severity.LOW,
        category = Category.PERFORMANCE,
        checks = "npm install/ci and yarn install (or a bare yarn, but not yarn --version or --help) in the RUNs of"
                + " the stages the final image is made of. Fine when the same RUN cleans the cache afterwards (npm"
                + " cache clean --force, yarn cache clean, rm -rf of ~/.npm, ~/.cache/yarn or"
                + " /usr/local/share/.cache/yarn), when a cache or tmpfs mount covers the cache folder, or when the"
                + " cache is pointed elsewhere (--cache, --cache-folder, NPM_CONFIG_CACHE, YARN_CACHE_FOLDER) into such"
                + " a mount or into a folder that a later rm of the same RUN removes. Builder stages are not looked"
                + " at: their cache never reaches the image.",
        problem = "npm keeps every downloaded tarball in ~/.npm/_cacache and yarn in its cache folder; in a RUN that"
                + " cache becomes part of the layer although the installed node_modules no longer need it.",
        impact = "The image grows by the size of every package downloaded, often more than node_modules itself:"
                + " slower pushes, pulls and deployments.",
        recommendation = "Clean the cache in the same RUN (npm ci && npm cache clean --force; yarn install"
                + " --frozen-lockfile && yarn cache clean), or keep it out of the image with"
                + " RUN --mount=type=cache,target=/root/.npm (or /usr/local/share/.cache/yarn).",
        references = {
                "https://docs.npmjs.com/cli/commands/npm-cache",
                "https://classic.yarnpkg.com/en/docs/cli/cache",
                "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
        aliases = {"DL3060"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:20.15.1-bookworm-slim
                        WORKDIR /app
                        COPY package.json yarn.lock ./
                        RUN yarn install --frozen-lockfile --production
                        """,
                good = """
                        FROM node:20.15.1-bookworm-slim
                        WORKDIR /app
                        COPY package.json yarn.lock ./
                        RUN yarn install --frozen-lockfile --production && yarn cache clean
                        """))
public final class NodePackageCacheInImage implements Rule {

    private static final Pattern TRAILING = Pattern.compile("(/\\*)?/*$");
    private static final Set<String> NPM_INSTALLS = Set.of("install", "i", "ci", "add", "in", "isntall", "clean-install",
            "install-clean");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (RunStep run : image.imageRuns()) {
                List<Call> calls = run.calls();
                int lastNpmClean = -2; // -2: not looked for yet
                int lastYarnClean = -2;
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    String tool = installer(call);
                    if (tool == null) {
                        continue;
                    }
                    if (lastNpmClean == -2) {
                        lastNpmClean = lastClean("npm", calls);
                        lastYarnClean = lastClean("yarn", calls);
                    }
                    if ((tool.equals("npm") ? lastNpmClean : lastYarnClean) > i || mounted(tool, run)
                            || redirected(tool, call, run, calls.subList(i + 1, calls.size()))) {
                        continue;
                    }
                    String clean = tool.equals("npm") ? "npm cache clean --force" : "yarn cache clean";
                    Optional<Call.Arg> sub = options(call).subcommand();
                    context.finding(this, image.dockerfile(), call.spanTo(sub.orElse(call.program())),
                                    call.name() + sub.map(a -> " " + a.value()).orElse("") + " leaves " + tool
                                    + "'s download cache in the"
                                    + " layer: nothing in this RUN cleans it and no cache mount holds it")
                            .recommendation("Add && " + clean + " after it in the same RUN, or use RUN --mount=type=cache,"
                                    + "target=" + cacheFolder(tool, run) + ".")
                            .fix(DockerfileEdits.runAfter(image, run, call, clean))
                            .add();
                }
            }
        }
    }

    /**
     * The tool's default cache for the RUN's user: root's (yarn's global one for root), or under /home/USER with
     * the uid option a non-root user needs to write to the mount.
     */
    private static String cacheFolder(String tool, RunStep run) {
        String user = run.user();
        if (user == null || UserIds.isRoot(user)) {
            return tool.equals("npm") ? "/root/.npm" : "/usr/local/share/.cache/yarn";
        }
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty() || name.contains("$") || Character.isDigit(name.charAt(0))) {
            return "<home of user " + name + ">" + (tool.equals("npm") ? "/.npm" : "/.cache/yarn") + ",uid=" + name;
        }
        return "/home/" + name + (tool.equals("npm") ? "/.npm" : "/.cache/yarn") + ",uid=<id of " + name + ">";
    }

    /** "npm" or "yarn" when the call installs packages with it, else null. */
    private static Call.Options options(Call call) {
        return call.options(NodeManagerOptions.valueOptionArray(call.name()));
    }

    private static String installer(Call call) {
        Call.Options options = options(call);
        String sub = options.subcommand().map(Call.Arg::value).orElse("");
        if (call.is("npm") && NPM_INSTALLS.contains(sub)) {
            return "npm";
        }
        boolean informational = options.has("--version", "-v", "--help", "-h");
        if (call.is("yarn") && (sub.isEmpty() && !informational || sub.equals("install") || sub.equals("add")
                || sub.equals("global") && options.operands().size() > 1)) {
            return "yarn";
        }
        return null;
    }

    /** The index of the last call that cleans the tool's cache, -1 when none does (the later, the more it covers). */
    private static int lastClean(String tool, List<Call> calls) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (cleans(tool, calls.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean cleans(String tool, Call c) {
        List<String> args = c.args().stream().map(Call.Arg::value).toList();
        if (c.is(tool) && args.size() >= 2 && args.get(0).equals("cache") && args.get(1).equals("clean")) {
            return true;
        }
        return c.is("rm") && args.stream().anyMatch(a -> tool.equals("npm")
                ? a.matches("(~|\\$HOME|/root|/home/[^/]+)/\\.npm(/.*)?") || a.contains("_cacache")
                : a.contains(".cache/yarn") || a.contains("/.yarn/cache") || a.contains("yarn-cache")
                        || a.equals("/usr/local/share/.cache"));
    }

    private static boolean mounted(String tool, RunStep run) {
        String marker = tool.equals("npm") ? ".npm" : "yarn";
        return run.mounts().stream().anyMatch(m -> (m.type().equals("cache") || m.type().equals("tmpfs"))
                && (m.target().orElse("").contains(marker) || tool.equals("yarn")
                        && m.target().orElse("").replaceAll("/+$", "").endsWith("/.cache")));
    }

    /**
     * The cache folder is sent into a cache mount or tmpfs, or to a folder a later command of the RUN removes
     * ({@code npm ci --cache /tmp/npm && rm -rf /tmp/npm}); a folder under /tmp is not assumed to be cleaned.
     */
    private static boolean redirected(String tool, Call call, RunStep run, List<Call> later) {
        List<String> dirs = new java.util.ArrayList<>(call.options("--cache", "--cache-folder").values("--cache",
                "--cache-folder"));
        String variable = run.variable(tool.equals("npm") ? "NPM_CONFIG_CACHE" : "YARN_CACHE_FOLDER");
        if (variable == null) {
            variable = run.variable(tool.equals("npm") ? "npm_config_cache" : "YARN_CACHE_FOLDER");
        }
        if (variable != null) {
            dirs.add(variable);
        }
        if (call.command() != null) {
            call.command().assignments().stream()
                    .filter(a -> a.name().equalsIgnoreCase("NPM_CONFIG_CACHE") || a.name().equals("YARN_CACHE_FOLDER"))
                    .forEach(a -> dirs.add(a.value().value()));
        }
        return dirs.stream().anyMatch(d -> run.cacheMountCovers(d) || d.equals("/dev/null") || removed(d, later));
    }

    /** A later rm of the folder, of everything in it, or of a folder above it. */
    private static boolean removed(String dir, List<Call> later) {
        String folder = TRAILING.matcher(dir).replaceAll("");
        if (folder.isEmpty() || folder.contains("$")) {
            return false;
        }
        for (Call c : later) {
            if (!c.is("rm")) {
                continue;
            }
            for (Call.Arg operand : c.options().operands()) {
                String path = TRAILING.matcher(operand.value()).replaceAll("");
                if (path.equals(folder) || folder.startsWith(path + "/") && path.length() > "/tmp".length()) {
                    return true;
                }
            }
        }
        return false;
    }
}
