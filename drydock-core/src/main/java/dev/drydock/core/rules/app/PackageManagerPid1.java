package dev.drydock.core.rules.app;

import dev.drydock.core.app.NodePackage;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.InitForwarding;
import dev.drydock.core.rules.support.NodeWorkspaces;
import dev.drydock.core.rules.support.PackageScripts;
import dev.drydock.core.rules.support.Probes;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * npm, yarn or pnpm as the container's PID 1, running a package.json script: the script runs in a
 * shell the package manager starts, so docker stop's SIGTERM reaches the server only if the package
 * manager passes it on, which depends on its version (npm releases bundled with Node.js 20.3 and later
 * stopped doing it for a time) and never works through a script with shell syntax.
 *
 * @param origin the instruction or compose key that names the package manager
 * @param message what runs and why the signal may not arrive
 * @param recommendation the command to run instead
 * @param fix the CMD that runs the script's own node command, when that is exactly equivalent enough
 */
record PackageManagerPid1(Origin origin, String message, String recommendation, Fix fix) {

    private static final Set<Runtime> PACKAGE_MANAGERS = EnumSet.of(Runtime.NPM, Runtime.YARN, Runtime.PNPM);

    /** The finding for the container, if its PID 1 is a package manager running a production script. */
    static Optional<PackageManagerPid1> of(ReviewContext context, Container c, EntryPoint ep) {
        if (!PACKAGE_MANAGERS.contains(ep.runtime()) || ep.target().kind() != Target.Kind.SCRIPT
                || c.build() == null) {
            return Optional.empty();
        }
        Optional<InitForwarding> init = InitForwarding.beforeShell(ep);
        if (init.isPresent() && init.get().wholeGroup()) {
            return Optional.empty();
        }
        String manager = ep.runtime().name().toLowerCase(java.util.Locale.ROOT);
        String scriptName = ep.target().value();
        SourceSet files = SourceSet.of(context.project(), c);
        String folder = PackageScripts.folder(context, c, ep);
        NodePackage script = NodePackage.script(files, folder, scriptName, ep.environment(), ep.workdir()).orElse(null);
        if (script != null && script.entryPoint().development()) {
            return Optional.empty(); // dev-server reports the watcher itself
        }
        String written = "`" + String.join(" ", ep.args()) + "`";
        String runs = script != null
                ? " starts the \"" + script.name() + "\" script, `" + script.command() + "` (" + script.packageFile()
                        + " line " + script.span().startLine() + "), in a shell as its child"
                : " starts the \"" + scriptName + "\" script of " + PathNames.join(folder, "package.json")
                        + " in a shell as its child";
        String parent = init.map(i -> " under " + i.init() + ", which signals " + manager + " alone,").orElse(" as PID 1");
        String message = written + " runs" + parent + " and" + runs + ": docker stop's SIGTERM reaches the server only"
                + " if " + manager + " passes it on, which depends on the " + manager + " version" + (manager.equals("npm")
                        ? " (npm releases bundled with Node.js 20.3 and later passed on none for a time)" : "")
                + " and never works through a script with shell syntax; when it does not, the container is killed"
                + " with SIGKILL at the end of the grace period";
        List<String> words = script == null ? List.of() : StopSignalFixes.literalCommand(script.command());
        List<String> argv = words.size() >= 2 && words.get(0).equals("node") ? words : List.of();
        Optional<String> moved = PackageScripts.movedTo(context, c, ep);
        if (moved.isPresent() && ep.workdir() != null && !argv.isEmpty()) {
            // the script runs in the workspace's folder, not in the working directory
            String dir = PathNames.normalizeAbsolute(ep.workdir(), moved.get());
            return Optional.of(new PackageManagerPid1(origin(c, ep), message, inComposeTerms(c, origin(c, ep),
                    "Run what the script runs, with node as PID 1, in the folder " + manager + " runs it in: WORKDIR "
                            + dir + " and CMD " + Probes.json(argv) + "; node then receives docker stop's SIGTERM"
                            + " (handle it to drain, or run under tini)."), null));
        }
        String prestart = prestart(files, folder, ep, scriptName);
        List<String> bin = argv.isEmpty() && !nestStart(words) ? packageBin(words) : List.of();
        String recommendation = !bin.isEmpty()
                ? "Run the script's command without " + manager + ": CMD " + Probes.json(bin) + " (node_modules/.bin"
                        + " relative to the working directory; the program's #!/usr/bin/env node line makes node the"
                        + " process itself), so that node is PID 1 (or runs under tini) and receives the signal."
                : argv.isEmpty() ? nodeCommand(context, files, folder, ep, manager, scriptName, script)
                : "Run what the script runs, with node as PID 1: CMD " + Probes.json(argv) + (prestart == null ? ""
                        : " (run the \"" + prestart + "\" script's work in the build or an entry-point script first)")
                        + "; node then receives docker stop's SIGTERM (handle it to drain, or run under tini).";
        Fix fix = argv.isEmpty() || prestart != null ? null : StopSignalFixes.replaceCmd(c, c.command(), argv,
                "run " + String.join(" ", argv) + " as PID 1 instead of " + manager, FixSafety.UNSAFE);
        Origin origin = origin(c, ep);
        return Optional.of(new PackageManagerPid1(origin, message, inComposeTerms(c, origin, recommendation), fix));
    }

    /**
     * The recommendation in the compose file's own keys when a service's command names the package manager: the
     * change goes there, as {@code command:}, not into the Dockerfile the other services share.
     */
    private static String inComposeTerms(Container c, Origin origin, String recommendation) {
        if (origin == null || origin.file().equals(c.build().dockerfile())) {
            return recommendation;
        }
        return recommendation.replace("CMD [", "command: [").replace("WORKDIR ", "working_dir: ");
    }

    private static final String RECEIVES = ", so that node is PID 1 (or runs under tini) and receives the signal.";

    /**
     * What to run with node when the script is not a plain node command: the node command it comes down to ({@code
     * cross-env ... node dist/main.js}, {@code nest start}), the one workspace's script of
     * that name; else what to look up to write it.
     */
    private static String nodeCommand(ReviewContext context, SourceSet files, String folder, EntryPoint ep,
            String manager, String scriptName, NodePackage script) {
        String advice = "Run the server with node itself, as the Node.js Docker images' guidance advises: ";
        if (script != null) {
            List<String> words = StopSignalFixes.literalCommand(script.command());
            if (nestStart(words)) {
                return advice + "CMD [\"node\", \"dist/main\"], what `nest start` runs once it has compiled the"
                        + " application (Nest's default output; the entryFile and sourceRoot of nest-cli.json change it),"
                        + " built in an earlier RUN" + RECEIVES;
            }
            List<String> unwrapped = withoutEnvironment(words);
            if (unwrapped.size() >= 2 && unwrapped.get(0).equals("node")) {
                List<String> set = words.subList(1, words.size() - unwrapped.size());
                return advice + (set.isEmpty() ? "" : "ENV " + String.join(" ", set) + " and ") + "CMD "
                        + Probes.json(unwrapped) + ", the node command `" + script.command() + "` comes down to" + RECEIVES;
            }
            EntryPoint inner = script.entryPoint();
            if (inner.runtime() == Runtime.NODE && (inner.target().kind() == Target.Kind.FILE
                    || inner.target().kind() == Target.Kind.DIRECTORY && inner.args().size() >= 2
                    && inner.args().get(0).equals("node"))) {
                List<String> argv = inner.args().size() >= 2 && inner.args().get(0).equals("node") ? inner.args()
                        : List.of("node", inner.target().value());
                return advice + "CMD " + Probes.json(argv) + ", the node command `" + script.command() + "` comes"
                        + " down to (set with ENV what the script sets on its command line)" + RECEIVES;
            }
        }
        if (script == null) {
            List<NodePackage> candidates = new java.util.ArrayList<>();
            for (String member : NodeWorkspaces.memberManifests(context, folder.equals(".") ? "" : folder, manager)) {
                NodePackage.script(files, PathNames.parent(member), scriptName, ep.environment(), ep.workdir())
                        .ifPresent(candidates::add);
            }
            List<String> words = candidates.size() == 1 ? StopSignalFixes.literalCommand(candidates.get(0).command()) : List.of();
            if (words.size() >= 2 && words.get(0).equals("node")) {
                return "drydock found no \"" + scriptName + "\" script in " + PathNames.join(folder, "package.json")
                        + ", so the image's package.json comes from elsewhere; if it is " + candidates.get(0).packageFile()
                        + " (the only workspace with a \"" + scriptName + "\" script), run what that script runs: CMD "
                        + Probes.json(words) + RECEIVES;
            }
            return advice + "CMD [\"node\", FILE] with FILE the file that the \"" + scriptName + "\" script of the"
                    + " package.json the image's working directory has finally starts (drydock found no such script in "
                    + PathNames.join(folder, "package.json") + ")" + RECEIVES;
        }
        return advice + "CMD [\"node\", FILE] with FILE the file that `" + script.command() + "` (" + script.packageFile()
                + ") finally starts: its program's documentation or the build output it serves tells which" + RECEIVES;
    }

    /** {@code nest start} without {@code --watch}: the Nest CLI compiles, then runs node on the output. */
    private static boolean nestStart(List<String> words) {
        return words.size() >= 2 && words.get(0).equals("nest") && words.get(1).equals("start");
    }

    /** The words after {@code cross-env} or {@code env} and the variables they set; the words themselves otherwise. */
    private static List<String> withoutEnvironment(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("cross-env") && !words.get(0).equals("env")) {
            return words;
        }
        int i = 1;
        while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            i++;
        }
        return words.subList(i, words.size());
    }

    private static Origin origin(Container c, EntryPoint ep) {
        EffectiveCommand command = c.command();
        boolean inCmd = command.cmdOrigin() != null && (ep.args().isEmpty() || !command.entrypoint().contains(ep.args().get(0)));
        return inCmd ? command.cmdOrigin() : command.origin();
    }

    /** Programs a package.json script may start that are not a package's executable. */
    private static final Set<String> NOT_PACKAGE_BINS = Set.of("node", "npm", "npx", "yarn", "pnpm", "bun", "sh",
            "bash", "env", "exec", "cd", "echo", "cross-env", "dotenv");

    /**
     * The script's command with its program taken from node_modules/.bin, when the script starts a package's
     * executable by its bare name ({@code react-router-serve ./build/server/index.js}); empty otherwise.
     */
    private static List<String> packageBin(List<String> words) {
        if (words.isEmpty() || !words.get(0).matches("[a-z0-9][a-z0-9._-]*") || NOT_PACKAGE_BINS.contains(words.get(0))) {
            return List.of();
        }
        List<String> argv = new java.util.ArrayList<>(words);
        argv.set(0, "./node_modules/.bin/" + words.get(0));
        return List.copyOf(argv);
    }

    /** The name of the pre-script npm runs before the script ({@code prestart} for {@code start}), if package.json has one. */
    private static String prestart(SourceSet files, String folder, EntryPoint ep, String scriptName) {
        String pre = "pre" + scriptName;
        return NodePackage.script(files, folder, pre, ep.environment(), ep.workdir()).isPresent() ? pre : null;
    }
}
