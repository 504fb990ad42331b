package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.app.NodePackage;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.DevDependencyWeights;
import dev.drydock.core.rules.support.NodeLocking;
import dev.drydock.core.rules.support.NodeManagerOptions;
import dev.drydock.core.rules.support.NodeWorkspaces;
import dev.drydock.core.rules.support.PackageScripts;
import dev.drydock.core.rules.support.PnpmVersions;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.shell.Assignment;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * npm, yarn, pnpm and bun installs that bring a package's devDependencies into an image, and the fix that
 * leaves them out: {@code npm ci --omit=dev} (npm install when there is no lock file) under
 * {@code NODE_ENV=production}.
 */
public final class NodeInstalls {

    private static final Pattern NODE_ENV_LOOKUP =
            Pattern.compile("process\\.env(?:\\.NODE_ENV\\b|\\[\\s*[\"'`]NODE_ENV)");
    private static final Set<String> LEAVES_INSTALL = Set.of("install", "i", "ci", "add", "prune", "cache", "config",
            "set", "audit", "dedupe", "ls", "list", "version", "--version", "-v", "help", "login", "whoami");

    private NodeInstalls() {
    }

    /**
     * One install that keeps the development dependencies.
     *
     * @param call the npm, yarn or pnpm call
     * @param subcommand its subcommand word ({@code install}, {@code ci}), null for a bare {@code yarn}
     * @param text how to name it in a message
     * @param run the RUN it is in
     * @param index the call's position among the RUN's calls
     * @param builderStage the builder stage's name when the install is in a builder whose node_modules
     *     the image copies, else null
     */
    public record Install(Call call, Call.Arg subcommand, String text, RunStep run, int index, String builderStage) {}

    /** The package.json of the container's build context (the only one when it sits deeper). */
    public static Optional<Manifest> packageJson(Container container) {
        return InstallStages.rootManifest(container, "package.json", m -> m.ecosystem() == Ecosystem.NPM && PathNames.fileName(m.file()).equals("package.json"));
    }

    /** The installs of the image's stages, and of builders whose node_modules it copies, that keep devDependencies. */
    public static List<Install> withDevDependencies(ReviewContext context, BuiltImage image) {
        InstallStages installStages = InstallStages.of(image, "node_modules");
        boolean pnpmIgnoresNodeEnv = PnpmVersions.ignoresNodeEnv(context, image);
        List<Install> out = new ArrayList<>();
        for (Stage stage : installStages.stages()) {
            String builder = installStages.builder(stage);
            List<RunStep> runs = RunStep.of(image.model(), List.of(stage));
            for (int r = 0; r < runs.size(); r++) {
                RunStep run = runs.get(r);
                List<Call> calls = run.calls();
                for (DependencyInstalls.Install install : DependencyInstalls.of(run)) {
                    Call call = install.call();
                    int index = calls.indexOf(call);
                    if (!call.is("npm", "yarn", "pnpm", "bun") || index < 0 || omitsDev(call)
                            || productionEnvironment(run, call, pnpmIgnoresNodeEnv) || prunedLater(runs, r, index)
                            || builder != null && !installStages.reaches(stage, run.directoryAt(call), "node_modules")
                            || call.is("bun") && bunfigProduction(context, image)
                            || removedLater(runs, r, call, builder != null)) {
                        continue;
                    }
                    List<Call.Arg> operands = call.options(NodeManagerOptions.valueOptionArray(call.name())).operands();
                    out.add(new Install(call, operands.isEmpty() ? null : operands.get(0), install.text(), run, index,
                            builder));
                }
            }
        }
        return out;
    }

    /** A devDependency an install brings in, and the package.json that declares it. */
    public record DevDependency(String name, String file) {}

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The devDependencies the install brings in, those that say most first ({@link DevDependencyWeights}): the build
     * context's package.json's, and those of the workspaces whose package.json the stage has before the install (all
     * of them after a COPY of the whole context). A package.json copied through a variable without a value
     * ({@code apps/${APP}/package.json}) counts for every workspace it may name, or only for the one whose folder holds
     * the Dockerfile.
     */
    public static List<DevDependency> devDependencies(ReviewContext context, BuiltImage image, Manifest root,
            Install install) {
        List<DevDependency> out = new ArrayList<>();
        root.dependencies().stream().filter(Dependency::isDev).forEach(d -> out.add(new DevDependency(d.name(), root.file())));
        String dir = PathNames.parent(root.file());
        List<String> members = NodeWorkspaces.memberManifests(context, dir, install.call().name());
        if (!members.isEmpty()) {
            for (String member : filledMembers(context, image, install, dir, members)) {
                image.container().manifests().stream().filter(m -> m.file().equals(member)).findFirst()
                        .ifPresent(m -> m.dependencies().stream().filter(Dependency::isDev)
                                .forEach(d -> out.add(new DevDependency(d.name(), member))));
            }
        }
        // a package several package.json files declare is named once, with the workspace's file before the root's
        List<DevDependency> ranked = new ArrayList<>();
        for (int i = out.size() - 1; i >= 0; i--) {
            DevDependency d = out.get(i);
            if (ranked.stream().noneMatch(r -> r.name().equals(d.name()))) {
                ranked.add(0, d);
            }
        }
        ranked.sort(java.util.Comparator.comparingInt(d -> DevDependencyWeights.rank(d.name())));
        return ranked;
    }

    /**
     * The workspaces' package.json files that the install's stage (and those it is built on) copies in before it:
     * from the build context, or from another stage that holds copies of them (the out/json folder of a
     * {@code turbo prune --docker}, a {@code pnpm deploy}).
     */
    private static List<String> filledMembers(ReviewContext context, BuiltImage image, Install install, String dir,
            List<String> members) {
        List<String> sure = new ArrayList<>();
        List<String> maybe = new ArrayList<>();
        int line = install.run().instruction().startLine();
        List<CopyCommand> stageCopies = new ArrayList<>();
        for (Stage stage : Stages.lineage(image.model(), install.run().stage())) {
            for (CopyCommand copy : stage.copies()) {
                if (stage == install.run().stage() && copy.instruction().startLine() > line) {
                    continue;
                }
                if (!copy.fromContext()) {
                    stageCopies.add(copy);
                    continue;
                }
                List<String> written = CopySources.sources(copy.instruction()).stream().map(w -> w.value())
                        .filter(v -> !v.startsWith("--")).toList();
                for (int i = 0; i < copy.sources().size(); i++) {
                    boolean unresolved = copy.unresolved(i) && written.size() == copy.sources().size();
                    String source = unresolved ? VARIABLE.matcher(written.get(i)).replaceAll("*") : copy.sources().get(i);
                    source = source.replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
                    for (String member : members) {
                        String inContext = dir.isEmpty() ? member : member.substring(dir.length() + 1);
                        if (source.isEmpty() || source.equals(".") || PathGlobs.covers(source, inContext)) {
                            (unresolved ? maybe : sure).add(member);
                        }
                    }
                }
            }
        }
        sure.addAll(copiedFromStages(context, image, install, dir, members, stageCopies));
        String dockerfileFolder = PathNames.parent(image.dockerfile());
        List<String> own = maybe.stream().filter(m -> PathNames.parent(m).equals(dockerfileFolder)).toList();
        List<String> filled = new ArrayList<>(sure);
        (own.isEmpty() ? maybe : own).stream().filter(m -> !filled.contains(m)).forEach(filled::add);
        return filled.stream().distinct().toList();
    }

    /** What to write instead, for this install in this project. */
    public static String recommendation(ReviewContext context, BuiltImage image, Manifest manifest, Install install) {
        String manager = install.call().name();
        String command = switch (manager) {
            case "yarn" -> NodeLocking.of(context, manifest.file(), null, image.container()).lockedInstall()
                    .contains("--immutable")
                            ? "yarn workspaces focus --all --production (Yarn 4; Yarn 2 and 3 first need `yarn plugin"
                                    + " import workspace-tools`)"
                            : "yarn install --production --frozen-lockfile";
            case "pnpm" -> "pnpm install --prod --frozen-lockfile";
            case "bun" -> "bun install --production --frozen-lockfile";
            default -> lockFile(manifest) && lockCopied(install) ? "npm ci --omit=dev" : "npm install --omit=dev";
        };
        // NODE_ENV does not change what bun install installs (only --production, --omit dev or bunfig.toml do)
        StringBuilder out = new StringBuilder(buildsLater(install, image)
                ? buildKeepsThem(context, manifest, install, command)
                : manager.equals("bun") ? "Install only the runtime dependencies: " + command
                + "." : codeReadsNodeEnv(context, image)
                ? "Install only the runtime dependencies: " + command + ". The application's code reads NODE_ENV, so"
                        + " ENV NODE_ENV=production would also change what it does when it runs: set it once the"
                        + " application is tested with it."
                : "Install only the runtime dependencies: ENV NODE_ENV=production before the RUN, and " + command
                        + ".");
        if (manager.equals("npm") && !lockFile(manifest)) {
            out.append(" Commit a package-lock.json to install it with npm ci.");
        }
        String needs = commandNeeds(context, image, manifest);
        if (needs != null) {
            out.append(" The container's command runs ").append(needs).append(", a development dependency: run the"
                    + " application with node first (see dev-server).");
        }
        StartStep step = needs == null ? startStepNeeds(context, image, manifest) : null;
        if (step != null) {
            boolean one = step.programs().size() == 1;
            out.append(" But the container's start runs ").append(step.named()).append(" before the application (`")
                    .append(step.command()).append("`), ").append(one ? "a development dependency" : "development"
                    + " dependencies").append(": move ").append(one ? "it" : "them").append(" to the dependencies of"
                    + " package.json first (or run that step from a release job instead), or the start fails"
                    + " without ").append(one ? "it." : "them.");
        }
        return out.toString();
    }

    /**
     * The advice when a build follows the install in its stage and needs the development dependencies: keep the
     * install as it is and leave them out of what the image gets. pnpm prune does not work across a workspace
     * (pnpm's documentation), so it is not offered there.
     */
    private static String buildKeepsThem(ReviewContext context, Manifest manifest, Install install, String command) {
        String manager = install.call().name();
        boolean pnpmWorkspace = manager.equals("pnpm")
                && !NodeWorkspaces.memberManifests(context, PathNames.parent(manifest.file()), "pnpm").isEmpty();
        String builder = install.builderStage();
        if (builder != null) {
            String stage = "\"" + builder + "\"";
            return "The build that follows needs them, so keep this install and leave them out of what the image"
                    + " takes: copy only the build's output from " + stage + ", not its node_modules, and install the"
                    + " runtime dependencies in the final stage with " + command + switch (manager) {
                        case "npm" -> ", or run npm prune --omit=dev in " + stage + " after the build.";
                        case "pnpm" -> pnpmWorkspace ? " (pnpm prune, which would drop them after the build, does"
                                + " not work across a workspace)." : ", or run pnpm prune --prod in " + stage
                                + " after the build.";
                        default -> ".";
                    };
        }
        return "The build that follows needs them, so keep this install: build in a builder stage and copy its output"
                + " into a final stage that installs with " + command + switch (manager) {
                    case "npm" -> ", or prune them in the same RUN after the build (npm prune --omit=dev).";
                    case "pnpm" -> pnpmWorkspace ? " (pnpm prune, which would drop them after the build, does not"
                            + " work across a workspace)." : ", or prune them in the same RUN after the build (pnpm"
                            + " prune --prod).";
                    default -> ".";
                };
    }

    /**
     * Whether the application's code looks NODE_ENV up ({@code process.env.NODE_ENV || 'development'} choosing
     * a configuration): setting it for the install would change what the application does when it runs, which
     * --omit=dev alone does not.
     */
    private static boolean codeReadsNodeEnv(ReviewContext context, BuiltImage image) {
        return image.containers().stream().flatMap(c -> Apps.of(context, c).files().stream()).distinct()
                .map(path -> context.project().source(path).map(SourceFile::text).orElse(""))
                .anyMatch(text -> NODE_ENV_LOOKUP.matcher(text).find());
    }

    /**
     * {@code npm ci --omit=dev} (or {@code npm install --omit=dev} without a lock file in the image) and
     * ENV NODE_ENV=production before the RUN; empty for yarn and pnpm, a build after the install, or a
     * command (or a step of the start before it, a migration) that runs a development dependency.
     */
    public static Optional<Fix> omitDev(ReviewContext context, BuiltImage image, Manifest manifest, Install install) {
        Call call = install.call();
        Call.Arg sub = install.subcommand();
        if (!call.is("npm") || sub == null || install.run().script() == null || buildsLater(install, image)
                || commandNeeds(context, image, manifest) != null || startStepNeeds(context, image, manifest) != null
                || call.args().stream().anyMatch(a -> a.value().startsWith("--include"))) {
            return Optional.empty();
        }
        SourceFile file = context.project().source(image.dockerfile()).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        boolean ci = !sub.value().equals("ci") && lockFile(manifest) && lockCopied(install);
        Call.Arg lookalike = omissionLookalike(call).filter(a -> a.literal()).orElse(null);
        List<TextEdit> edits = new ArrayList<>();
        if (lookalike != null) {
            edits.add(TextEdit.replace(file.path(), lookalike.span(), "--omit=dev"));
            if (ci) {
                edits.add(TextEdit.replace(file.path(), sub.span(), "ci"));
            }
        } else {
            edits.add(ci ? TextEdit.replace(file.path(), sub.span(), "ci --omit=dev")
                    : TextEdit.insert(file.path(), sub.span().end(), " --omit=dev"));
        }
        if (install.run().variable("NODE_ENV") == null && !codeReadsNodeEnv(context, image)) {
            edits.add(StackEdits.lineBefore(file, install.run().instruction(), "ENV NODE_ENV=production"));
        }
        return Optional.of(Fix.of("install without devDependencies: npm " + (ci ? "ci" : sub.value()) + " --omit=dev",
                FixSafety.UNSAFE, edits));
    }

    /**
     * How an npm, pnpm or yarn install leaves the devDependencies out, in words ({@code --omit=dev},
     * {@code NODE_ENV=production}), or null when it installs them. NODE_ENV counts for npm and pnpm only: Yarn 2
     * and later install everything whatever it says, and so does pnpm 10 ({@code pnpmIgnoresNodeEnv}).
     */
    public static String devOmission(RunStep run, Call call, boolean pnpmIgnoresNodeEnv) {
        if (!call.is("npm", "pnpm", "yarn", "bun") || call.args().stream().anyMatch(a -> a.value().equals("--include=dev")
                || a.value().equals("--dev") || a.value().equals("--production=false"))) {
            return null;
        }
        if (omitsDev(call)) {
            return call.args().stream().map(Call.Arg::value).filter(v -> v.startsWith("--omit") || v.startsWith("--only")
                    || v.startsWith("--prod") || v.equals("-P")).findFirst().orElse("--omit=dev");
        }
        if (!call.is("yarn") && productionEnvironment(run, call, pnpmIgnoresNodeEnv)) {
            boolean nodeEnv = "production".equals(run.variable("NODE_ENV")) || call.command() != null
                    && call.command().assignments().stream().anyMatch(a -> a.name().equals("NODE_ENV"));
            return nodeEnv ? "NODE_ENV=production" : "npm_config_omit=dev";
        }
        return null;
    }

    /**
     * The members whose package.json a COPY --from before the install puts where the install reads it, as a copy of
     * the build context's file (traced through the stage it copies from).
     */
    private static List<String> copiedFromStages(ReviewContext context, BuiltImage image, Install install, String dir,
            List<String> members, List<CopyCommand> stageCopies) {
        if (stageCopies.isEmpty() || image.container().build() == null) {
            return List.of();
        }
        String buildContext = image.container().build().context();
        var files = context.project().files();
        var paths = dev.drydock.core.project.ImagePaths.of(image.model(), install.run().stage(),
                p -> files.isDirectory(PathNames.join(buildContext, p)),
                dev.drydock.core.project.WorkspacePackages.of(context.project().layout(), files, buildContext));
        String installDir = install.run().directoryAt(install.call());
        if (installDir == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String member : members) {
            String inContext = dir.isEmpty() ? member : member.substring(dir.length() + 1);
            String at = PathNames.normalizeAbsolute(installDir, inContext);
            boolean copiedThere = stageCopies.stream()
                    .anyMatch(c -> PathNames.isUnder(at, c.containerPath().replaceAll("(?<=.)/+$", "")));
            if (copiedThere && paths.toContext(at).filter(inContext::equals).isPresent()) {
                out.add(member);
            }
        }
        return out;
    }

    /**
     * Spellings of "production only" that are no npm option ({@code npm ci --only-production}): npm takes an unknown
     * option for a setting of its own name, which nothing reads, and installs the devDependencies all the same.
     */
    private static final Set<String> NPM_OMISSION_LOOKALIKES = Set.of("--only-production", "--only-prod",
            "--omit-dev", "--production-only", "--prod-only");

    /** The first option of an npm install that looks like it leaves the devDependencies out but is no npm option. */
    public static Optional<Call.Arg> omissionLookalike(Call call) {
        return call.is("npm") ? call.args().stream().filter(a -> NPM_OMISSION_LOOKALIKES.contains(a.value()))
                .findFirst() : Optional.empty();
    }

    private static boolean omitsDev(Call call) {
        List<Call.Arg> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String v = args.get(i).value();
            if (v.equals("--production") || call.is("bun") && v.equals("-p") || v.equals("--omit=dev") || v.startsWith("--only=prod")
                    || v.equals("--omit") && i + 1 < args.size() && args.get(i + 1).value().equals("dev")
                    || !call.is("npm") && (v.equals("--prod") || call.is("pnpm") && v.equals("-P"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean productionEnvironment(RunStep run, Call call, boolean pnpmIgnoresNodeEnv) {
        if (call.is("bun")) {
            return false; // bun install reads neither NODE_ENV nor npm's configuration for this
        }
        boolean nodeEnvCounts = !(call.is("pnpm") && pnpmIgnoresNodeEnv);
        if (nodeEnvCounts && "production".equals(run.variable("NODE_ENV")) || "dev".equals(run.variable("NPM_CONFIG_OMIT"))
                || "dev".equals(run.variable("npm_config_omit")) || "true".equals(run.variable("NPM_CONFIG_PRODUCTION"))) {
            return true;
        }
        if (call.command() != null) {
            for (Assignment a : call.command().assignments()) {
                String value = a.value() == null ? "" : a.value().value();
                if (nodeEnvCounts && a.name().equals("NODE_ENV") && value.equals("production")
                        || a.name().equalsIgnoreCase("npm_config_omit") && value.equals("dev")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final Pattern BUNFIG_PRODUCTION =
            Pattern.compile("(?m)^\\s*(?:production\\s*=\\s*true|dev\\s*=\\s*false)\\b");

    /**
     * Whether the bunfig.toml at the build context's root puts bun install in production mode ({@code [install]}
     * with {@code production = true} or {@code dev = false}).
     */
    private static boolean bunfigProduction(ReviewContext context, BuiltImage image) {
        Container container = image.container();
        String root = container == null || container.build() == null ? "" : container.build().context();
        String text = context.project().source(PathNames.join(root, "bunfig.toml")).map(SourceFile::text).orElse("");
        int install = text.indexOf("[install]");
        if (install < 0) {
            return false;
        }
        int next = text.indexOf("\n[", install + 1);
        return BUNFIG_PRODUCTION.matcher(text.substring(install, next < 0 ? text.length() : next)).find();
    }

    /**
     * An rm of the node_modules the install fills, later in the same RUN, or, in a builder stage, in a later RUN
     * (Rails' generated Dockerfile builds its assets with the bundler the devDependencies hold, then removes
     * node_modules before the final stage copies the application folder).
     */
    private static boolean removedLater(List<RunStep> runs, int run, Call install, boolean builder) {
        RunStep installRun = runs.get(run);
        String directory = installRun.directoryAt(install);
        if (directory == null) {
            return false;
        }
        String installed = PathNames.normalizeAbsolute(directory, "node_modules");
        for (int r = run; r < runs.size() && (r == run || builder); r++) {
            RunStep step = runs.get(r);
            List<Call> calls = step.calls();
            for (int i = r == run ? calls.indexOf(install) + 1 : 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                String at = call.is("rm") ? step.directoryAt(call) : null;
                if (at != null && call.options().operands().stream().map(a -> a.value().replaceAll("/+$", ""))
                        .anyMatch(path -> PathNames.normalizeAbsolute(at, path).equals(installed))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An npm/pnpm prune to production, or a production reinstall, later in the stage. */
    private static boolean prunedLater(List<RunStep> runs, int run, int index) {
        for (int r = run; r < runs.size(); r++) {
            List<Call> calls = runs.get(r).calls();
            for (int i = r == run ? index + 1 : 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                if (call.is("npm", "pnpm", "yarn", "bun") && omitsDev(call)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A script or tool run after the install in its stage (a build that needs the development dependencies). */
    private static boolean buildsLater(Install install, BuiltImage image) {
        Stage stage = install.run().stage();
        List<RunStep> runs = RunStep.of(image.model(), List.of(stage));
        boolean after = false;
        for (RunStep run : runs) {
            List<Call> calls = run.calls();
            for (int i = 0; i < calls.size(); i++) {
                if (run.instruction() == install.run().instruction() && i == install.index()) {
                    after = true;
                    continue;
                }
                if (!after) {
                    continue;
                }
                Call call = calls.get(i);
                if (call.is("npx", "tsc", "webpack", "vite", "next", "nest", "ng", "esbuild", "rollup", "babel")) {
                    return true;
                }
                if (call.is("npm", "yarn", "pnpm", "bun")) {
                    List<Call.Arg> operands = call.options(NodeManagerOptions.valueOptionArray(call.name())).operands();
                    if (!operands.isEmpty() && !LEAVES_INSTALL.contains(operands.get(0).value())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The names of the manifest's development dependencies. */
    private static Set<String> devDependencies(Manifest manifest) {
        Set<String> dev = new HashSet<>();
        for (Dependency d : manifest.dependencies()) {
            if (d.isDev()) {
                dev.add(d.name());
            }
        }
        return dev;
    }

    /** The development dependency the image's command runs (nodemon, ts-node ...), directly or through a script; else null. */
    private static String commandNeeds(ReviewContext context, BuiltImage image, Manifest manifest) {
        Set<String> dev = devDependencies(manifest);
        for (Container c : image.containers()) {
            EntryPoint ep = c.entryPoint();
            if (ep == null) {
                continue;
            }
            if (c.build() != null) {
                EntryPoint inner = packageScript(SourceSet.of(context.project(), c),
                        PackageScripts.baseFolder(context, c, ep), ep).map(NodePackage::entryPoint).orElse(null);
                if (inner != null) {
                    ep = inner;
                }
            }
            String program = ep.args().isEmpty() ? "" : PathNames.fileName(ep.args().get(0));
            if (dev.contains(program)) {
                return program;
            }
            if (ep.runtime().developmentServer() || ep.runtime() == Runtime.TS_NODE) {
                return program.isEmpty() ? ep.runtime().name().toLowerCase(java.util.Locale.ROOT) : program;
            }
        }
        return null;
    }

    /**
     * A step the container's start runs before the application (a migration or a seed in its start script, or before
     * the server in the package.json script it starts) with development dependencies: its programs, or those of the
     * package.json scripts it runs in turn.
     *
     * @param programs the development dependencies, in the order the step runs them
     * @param command the step as the start writes it
     */
    private record StartStep(List<String> programs, String command) {

        String named() {
            return programs.size() == 1 ? programs.get(0)
                    : String.join(", ", programs.subList(0, programs.size() - 1)) + " and " + programs.getLast();
        }
    }

    private static final Set<String> PACKAGE_RUNNERS = Set.of("npx", "bunx");

    private static StartStep startStepNeeds(ReviewContext context, BuiltImage image, Manifest manifest) {
        Set<String> dev = devDependencies(manifest);
        for (Container c : image.containers()) {
            EntryPoint ep = c.entryPoint();
            if (ep == null || c.build() == null) {
                continue;
            }
            SourceSet files = SourceSet.of(context.project(), c);
            String base = PackageScripts.baseFolder(context, c, ep);
            // each step with the folder it runs in: the working directory's, or the package's of the script
            List<Map.Entry<List<String>, String>> steps = new ArrayList<>();
            ep.otherCommands().forEach(argv -> steps.add(Map.entry(argv, base)));
            packageScript(files, base, ep).ifPresent(inner -> inner.entryPoint().otherCommands()
                    .forEach(argv -> steps.add(Map.entry(argv, PathNames.parent(inner.packageFile())))));
            for (Map.Entry<List<String>, String> step : steps) {
                List<String> argv = step.getKey();
                Set<String> programs = new java.util.LinkedHashSet<>();
                runsDevDependencies(files, step.getValue(), EntryPoints.interpret(argv, false, ep.environment(),
                        ep.workdir()), dev, 0, programs);
                if (!programs.isEmpty()) {
                    return new StartStep(List.copyOf(programs), String.join(" ", argv));
                }
            }
        }
        return null;
    }

    /**
     * The script a package manager runs ({@code npm run migrate}), read from the package.json of the folder it reads,
     * {@code dir} (where it starts) moved by its --prefix, --dir or --cwd ({@link PackageScripts#folder}).
     */
    private static Optional<NodePackage> packageScript(SourceSet files, String dir, EntryPoint ep) {
        if ((ep.runtime() == Runtime.NPM || ep.runtime() == Runtime.YARN || ep.runtime() == Runtime.PNPM)
                && ep.target() != null && ep.target().value() != null) {
            return NodePackage.script(files, PackageScripts.folder(files, dir, ep), ep.target().value(),
                    ep.environment(), ep.workdir());
        }
        return Optional.empty();
    }

    /** Adds the development dependencies a command runs, through package.json scripts, wrappers and npx. */
    private static void runsDevDependencies(SourceSet files, String dir, EntryPoint ep, Set<String> dev, int depth,
            Set<String> found) {
        if (ep == null || depth > 4) {
            return;
        }
        Optional<NodePackage> script = packageScript(files, dir, ep);
        if (script.isPresent()) {
            EntryPoint inner = script.get().entryPoint();
            String folder = PathNames.parent(script.get().packageFile());
            runsDevDependencies(files, folder, inner, dev, depth + 1, found);
            for (List<String> argv : inner.otherCommands()) {
                runsDevDependencies(files, folder, EntryPoints.interpret(argv, false, inner.environment(),
                        inner.workdir()), dev, depth + 1, found);
            }
            return;
        }
        for (var wrapper : ep.wrappers()) {
            if (dev.contains(wrapper.name())) {
                found.add(wrapper.name());
            }
        }
        List<String> args = ep.args();
        int i = 0;
        if (!args.isEmpty() && PACKAGE_RUNNERS.contains(PathNames.fileName(args.get(0)))) {
            i = 1;
            while (i < args.size() && args.get(i).startsWith("-")) {
                i++;
            }
        }
        String program = i < args.size() ? PathNames.fileName(args.get(i)) : "";
        while (ENV_LOADERS.contains(program)) {
            if (dev.contains(program)) {
                found.add(program);
            }
            i++;
            while (i < args.size() && (args.get(i).startsWith("-") || args.get(i).contains("="))) {
                i += ENV_LOADER_VALUES.contains(args.get(i)) ? 2 : 1;
            }
            program = i < args.size() ? PathNames.fileName(args.get(i)) : "";
        }
        if (dev.contains(program)) {
            found.add(program);
        } else if (ep.runtime() == Runtime.TS_NODE && dev.contains("ts-node")) {
            found.add("ts-node");
        }
    }

    /** Programs that load variables and run the rest of their command line: env-cmd, cross-env, dotenv-cli. */
    private static final Set<String> ENV_LOADERS = Set.of("env-cmd", "cross-env", "dotenv");

    /** Their options that take the next word as a value (env-cmd -f .env, dotenv -e .env). */
    private static final Set<String> ENV_LOADER_VALUES = Set.of("-f", "--file", "-e", "-r", "--rc-file", "-v");

    private static boolean lockFile(Manifest manifest) {
        return manifest.lockFiles().stream().anyMatch(lock -> "npm".equals(lock.packageManager()));
    }

    /** Whether a COPY before the RUN, in its stage, brings package-lock.json (COPY . ., package*.json ...). */
    private static boolean lockCopied(Install install) {
        int line = install.run().instruction().startLine();
        for (CopyCommand copy : install.run().stage().copies()) {
            if (!copy.fromContext() || copy.instruction().startLine() > line) {
                continue;
            }
            for (String source : copy.sources()) {
                String s = source.replaceAll("^(\\./)+", "");
                if (s.equals(".") || s.isEmpty()
                        || LockFile.fileNamesOf("npm").stream().anyMatch(lock -> matches(PathNames.fileName(s), lock))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
            }
        }
        return name.matches(regex.toString());
    }
}
