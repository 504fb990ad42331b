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
import dev.drydock.core.shell.ShellWords;
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
        Optional<String> manager2 = processManager(files, folder, ep, words);
        List<String> bin = argv.isEmpty() && !nestStart(words) && manager2.isEmpty() ? packageBin(words) : List.of();
        String recommendation = manager2.isPresent() ? manager2.get()
                : !bin.isEmpty()
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
            List<String> unwrapped = ShellWords.withoutEnvironment(words);
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

    /** npm-run-all's commands, which run each task as {@code npm run TASK} and pass no signal on. */
    private static final Set<String> TASK_RUNNERS = Set.of("npm-run-all", "run-p", "run-s");

    /** npm-run-all's options that take a value. */
    private static final Set<String> TASK_RUNNER_VALUES = Set.of("--max-parallel", "--npm-path");

    /**
     * The advice for a script that starts a process manager, where running its program without the package manager
     * would not bring SIGTERM to the server either: pm2, whose container command pm2-runtime stays in the foreground
     * and passes the signal on to the applications it starts; npm-run-all (run-p, run-s), which starts each task
     * with {@code npm run} in a shell of its own, handles no signal and passes none on. Empty for other scripts.
     */
    private static Optional<String> processManager(SourceSet files, String folder, EntryPoint ep, List<String> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String program = words.get(0);
        if (program.equals("pm2") && words.size() >= 2 && Set.of("start", "startOrRestart").contains(words.get(1))) {
            List<String> argv = new java.util.ArrayList<>();
            argv.add(dependsOn(files, folder, "pm2") ? "./node_modules/.bin/pm2-runtime" : "pm2-runtime");
            argv.add("start");
            words.subList(2, words.size()).stream().filter(w -> !w.equals("--no-daemon")).forEach(argv::add);
            return Optional.of("Start pm2 with pm2-runtime, its command for containers: CMD " + Probes.json(argv)
                    + ". pm2-runtime, which pm2's documentation gives for containers in place of pm2 start, stays in"
                    + " the foreground as the container's main process and answers docker stop's SIGTERM by stopping"
                    + " the applications the way pm2 does: SIGINT, then SIGKILL after kill_timeout (1600 ms by"
                    + " default); handle SIGINT in the application to drain, and raise kill_timeout (below the"
                    + " container's stop grace period) if draining takes longer.");
        }
        if (!TASK_RUNNERS.contains(program)) {
            return Optional.empty();
        }
        boolean parallel = program.equals("run-p") || words.contains("-p") || words.contains("--parallel")
                || words.contains("-P") || words.contains("--race") || words.contains("-r");
        List<String> tasks = new java.util.ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("-")) {
                i += TASK_RUNNER_VALUES.contains(w) ? 1 : 0;
            } else {
                tasks.add(w);
            }
        }
        List<String> commands = new java.util.ArrayList<>(); // as a container's command, for parallel tasks
        List<String> steps = new java.util.ArrayList<>(); // as written, for sequential ones
        for (String task : tasks) {
            NodePackage.script(files, folder, task, ep.environment(), ep.workdir()).ifPresent(t -> {
                List<String> run = StopSignalFixes.literalCommand(t.command());
                commands.add("\"" + t.name() + "\" (" + (run.size() >= 2 && run.get(0).equals("node")
                        ? "CMD " + Probes.json(run) : "`" + t.command() + "`") + ")");
                steps.add("\"" + t.name() + "\" (`" + t.command() + "`)");
            });
        }
        String why = program + " starts each script with `npm run` in a shell of its own and neither handles SIGTERM"
                + " nor passes it on, so running " + program + " without " + ep.runtime().name().toLowerCase(
                        java.util.Locale.ROOT) + " does not bring the signal to the server either. ";
        if (parallel || tasks.size() < 2) {
            return Optional.of(why + oneProcessPerContainer(commands));
        }
        String last = steps.isEmpty() ? "the last script's command" : steps.get(steps.size() - 1);
        List<String> before = steps.isEmpty() ? List.of() : steps.subList(0, steps.size() - 1);
        return Optional.of(why + "The scripts run one after another and the last one is the server: run the steps"
                + " before it" + (before.isEmpty() ? "" : " (" + String.join(", ", before) + ")") + " at build time"
                + " when they prepare files, or in an entry-point script that ends with `exec` of " + last
                + ", so that the server replaces the script as PID 1 and receives docker stop's SIGTERM.");
    }

    /**
     * The advice for programs a task runner starts side by side without passing SIGTERM on: one container each, or
     * an init that signals the whole process group; {@code commands} describes them, when known.
     */
    static String oneProcessPerContainer(List<String> commands) {
        return "Run one process per container, each started directly"
                + (commands.isEmpty() ? "" : ": " + String.join(", ", commands) + " as the command of a service"
                        + " each (one image, several compose services)")
                + ", so that each program is PID 1 (or runs under tini) and receives docker stop's SIGTERM. If"
                + " they must share one container, start them under an init that signals the whole process group"
                + " (dumb-init, or tini -g) and let each handle SIGTERM.";
    }

    /** Whether the package.json of {@code folder} depends on {@code name}, so its bin is in node_modules/.bin. */
    private static boolean dependsOn(SourceSet files, String folder, String name) {
        return files.read(PathNames.join(folder, "package.json")).map(f -> {
            try {
                return dev.drydock.core.manifest.PackageJson.of(f).dependency(name).isPresent();
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(false);
    }

    /** {@code nest start} without {@code --watch}: the Nest CLI compiles, then runs node on the output. */
    private static boolean nestStart(List<String> words) {
        return words.size() >= 2 && words.get(0).equals("nest") && words.get(1).equals("start");
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
