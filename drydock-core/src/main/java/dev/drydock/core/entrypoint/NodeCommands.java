package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Node programs: node, package managers running scripts, development tools, framework servers, pm2. */
final class NodeCommands {

    private NodeCommands() {}

    private static final OptionSpec NPM = OptionSpec.of("--prefix=", "-w|--workspace=", "-s|--silent", "-q|--quiet",
            "--if-present", "--loglevel=", "--workspaces", "--ignore-scripts", "--include-workspace-root");
    private static final OptionSpec YARN = OptionSpec.of("--cwd=", "-s|--silent", "--verbose", "--offline",
            "--production", "--frozen-lockfile", "--immutable");
    private static final OptionSpec PNPM = OptionSpec.of("-C|--dir=", "-F|--filter=", "-w|--workspace-root",
            "-r|--recursive", "-s|--silent", "--if-present", "--parallel", "--stream", "--reporter=", "--loglevel=");
    private static final OptionSpec NODEMON = OptionSpec.of("-x|--exec=", "-w|--watch=", "-e|--ext=", "-i|--ignore=",
            "-d|--delay=", "-s|--signal=", "--config=", "-L|--legacy-watch", "--inspect", "-q|--quiet", "-V|--verbose",
            "-P|--polling-interval=", "--on-change-only", "--no-stdin", "--spawn", "--cwd=", "-I|--no-stdin");
    private static final OptionSpec TS_NODE = OptionSpec.of("-r|--require=", "-P|--project=", "-O|--compiler-options=",
            "-C|--compiler=", "-T|--transpile-only", "-e|--eval=", "-p|--print=", "--swc", "--esm", "-H|--compiler-host",
            "--files", "--respawn", "--ignore-watch=", "--watch=", "--poll", "--exit-child", "--inspect", "--clear",
            "--rs", "--tsconfig=", "--env-file=", "--import=");
    private static final OptionSpec NEXT = OptionSpec.of("-p|--port=", "-H|--hostname=", "--keepAliveTimeout=",
            "--turbo", "--turbopack", "--experimental-https");
    private static final OptionSpec VITE = OptionSpec.of("--host=?", "--port=", "--strictPort", "--open=?",
            "-m|--mode=", "-c|--config=", "--base=", "--cors", "--force", "-l|--logLevel=", "--clearScreen", "-d|--debug=?",
            "-f|--filter=", "--outDir=");
    private static final OptionSpec VUE_CLI = OptionSpec.of("--host=", "--port=", "--mode=", "--public=",
            "--open", "--copy", "--https");
    private static final OptionSpec NG = OptionSpec.of("--host=", "--port=", "-c|--configuration=",
            "--disable-host-check", "--poll=", "--proxy-config=", "--ssl", "--public-host=", "--serve-path=", "--hmr",
            "--live-reload", "--watch", "--open", "--verbose");
    private static final OptionSpec SERVE = OptionSpec.of("-s|--single", "-l|--listen=", "-p|--port=", "-c|--config=",
            "-n|--no-clipboard", "-C|--cors", "--ssl-cert=", "--ssl-key=", "--ssl-pass=", "-L|--no-request-logging",
            "-d|--debug", "-u|--no-compression", "--no-etag", "-S|--symlinks", "--no-port-switching");
    private static final OptionSpec PM2 = OptionSpec.of("-i|--instances=", "--env=", "-n|--name=", "--watch",
            "--no-autorestart", "--json", "--format", "--node-args=", "--max-memory-restart=", "--raw",
            "-e|--error=", "-o|--output=", "--interpreter=", "--only=", "--no-daemon", "--cwd=", "--exp-backoff-restart-delay=",
            "--kill-timeout=", "--listen-timeout=", "--wait-ready", "--secret=", "--public=", "--machine-name=", "--deep-monitoring");

    private static final Set<String> NODE_VALUE_OPTIONS = Set.of("-r", "--require", "--import", "--loader",
            "--experimental-loader", "--input-type", "-C", "--conditions", "--title", "--env-file",
            "--env-file-if-exists", "--inspect-port", "--watch-path", "--experimental-config-file");

    static EntryPoint node(CommandReader r, List<String> argv) {
        int i = 1;
        String script = null;
        String code = null;
        while (i < argv.size()) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                script = i + 1 < argv.size() ? argv.get(i + 1) : null;
                i += 2;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                script = arg.equals("-") ? null : arg;
                i++;
                break;
            }
            int eq = arg.indexOf('=');
            String key = eq > 0 ? arg.substring(0, eq) : arg;
            if (key.equals("-e") || key.equals("--eval") || key.equals("-p") || key.equals("--print")) {
                code = eq > 0 ? arg.substring(eq + 1) : i + 1 < argv.size() ? argv.get(++i) : "";
                i++;
                break;
            }
            if (eq > 0) {
                OptionSpec.put(r.interpreter, key, arg.substring(eq + 1));
            } else if (NODE_VALUE_OPTIONS.contains(key) && i + 1 < argv.size()) {
                OptionSpec.put(r.interpreter, key, argv.get(++i));
            } else {
                r.interpreter.put(key, "true");
            }
            i++;
        }
        if (code != null) {
            return r.done(Runtime.NODE, Target.code(code), Map.of(), argv);
        }
        if (script == null) {
            return r.done(Runtime.NODE, Target.NONE, Map.of(), argv);
        }
        Target target = nodeTarget(r, script);
        if (target.path() != null && target.path().endsWith("/server.js") && BuildOutputs.nextStandalone(target.path())) {
            return r.done(Runtime.NEXT_STANDALONE, target, BuildOutputs.nextOptions(r.env), argv, List.of(), nodeFiles(r, script));
        }
        if (target.path() != null && BuildOutputs.astroStandalone(target.path())) {
            return r.done(Runtime.ASTRO_STANDALONE, target, BuildOutputs.astroOptions(r.env), argv, List.of(),
                    nodeFiles(r, script));
        }
        return r.done(Runtime.NODE, target, Map.of(), argv, List.of(), nodeFiles(r, script));
    }

    private static Target nodeTarget(CommandReader r, String script) {
        String path = r.abs(script);
        if (script.equals(".") || script.endsWith("/")) {
            return Target.directory(script, path);
        }
        return Target.file(script, path);
    }

    /** Where Node looks for a script: as given, then with .js, then as a folder (package.json, index.js). */
    private static List<String> nodeFiles(CommandReader r, String script) {
        String path = r.abs(script);
        String name = PathNames.fileName(path);
        if (script.equals(".") || script.endsWith("/")) {
            return List.of(path + (path.equals("/") ? "" : "/") + "package.json", PathNames.normalizeAbsolute(path, "index.js"));
        }
        if (name.contains(".")) {
            return List.of(path);
        }
        return List.of(path, path + ".js", path + "/index.js");
    }

    static EntryPoint npm(CommandReader r, List<String> argv) {
        // npm reads its options anywhere before `--`: `npm run --if-present build` runs build, and
        // `npm run start --workspace=apps/api` runs the start script of apps/api
        OptionSpec.Parsed parsed = NPM.parse(argv.subList(1, argv.size()), false);
        List<String> positionals = parsed.positionals();
        String command = positionals.isEmpty() ? "" : positionals.get(0);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        String script = switch (command) {
            case "start", "test", "restart", "stop" -> command;
            case "t", "tst" -> "test";
            case "run", "run-script", "rum", "urn" -> positionals.size() > 1 ? positionals.get(1) : null;
            default -> null;
        };
        if (script == null) {
            options.put("command", command);
            return r.done(Runtime.NPM, Target.NONE, options, argv);
        }
        if (script.equals("start")) {
            r.notes.add("npm start runs `node server.js` when package.json has no start script");
        }
        return r.done(Runtime.NPM, Target.script(script), options, argv);
    }

    private static final Set<String> YARN_COMMANDS = Set.of("install", "add", "remove", "upgrade", "info", "why",
            "cache", "config", "init", "global", "link", "unlink", "list", "outdated", "pack", "publish", "audit",
            "workspaces", "set", "plugin", "dedupe", "npm", "constraints", "up", "patch", "rebuild", "version");

    static EntryPoint yarn(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        Map<String, String> options = new LinkedHashMap<>();
        if (rest.size() >= 2 && rest.get(0).equals("workspace")) {
            options.put("workspace", rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        OptionSpec.Parsed parsed = YARN.parse(rest, true);
        options.putAll(parsed.options());
        List<String> positionals = parsed.positionals();
        String command = positionals.isEmpty() ? "install" : positionals.get(0);
        if (command.equals("node")) {
            List<String> next = new ArrayList<>(List.of("node"));
            next.addAll(positionals.subList(1, positionals.size()));
            r.wrappers.add(new Wrapper("yarn node", List.of()));
            return node(r, next);
        }
        if (YARN_COMMANDS.contains(command)) {
            options.put("command", command);
            return r.done(Runtime.YARN, Target.NONE, options, argv);
        }
        String script = command.equals("run") ? (positionals.size() > 1 ? positionals.get(1) : null) : command;
        return r.done(Runtime.YARN, script == null ? Target.NONE : Target.script(script), options, argv);
    }

    static EntryPoint pnpm(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = PNPM.parse(argv.subList(1, argv.size()), true);
        List<String> positionals = parsed.positionals();
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        String command = positionals.isEmpty() ? "" : positionals.get(0);
        if (command.equals("install") || command.equals("i") || command.equals("add") || command.isEmpty()) {
            options.put("command", command);
            return r.done(Runtime.PNPM, Target.NONE, options, argv);
        }
        String script = command.equals("run") || command.equals("run-script") ? (positionals.size() > 1 ? positionals.get(1) : null) : command;
        return r.done(Runtime.PNPM, script == null ? Target.NONE : Target.script(script), options, argv);
    }

    /** Bun flags whose value may follow as the next argument. */
    private static final Set<String> BUN_VALUE_FLAGS = Set.of("--cwd", "--env-file", "--preload", "-r", "--config",
            "-c", "--tsconfig-override");

    static EntryPoint bun(CommandReader r, List<String> argv) {
        List<String> rest = bunOptions(r, argv.subList(1, argv.size()));
        if (!rest.isEmpty() && rest.get(0).equals("run")) {
            // bun run takes Bun's flags before the file or script too: bun run --watch src/index.ts
            rest = bunOptions(r, rest.subList(1, rest.size()));
        }
        if (rest.isEmpty()) {
            return r.done(Runtime.BUN, Target.NONE, Map.of(), argv);
        }
        String first = rest.get(0);
        if (first.matches(".*\\.(js|mjs|cjs|ts|mts|cts|tsx|jsx)$") || first.contains("/")) {
            return r.done(Runtime.BUN, nodeTarget(r, first), Map.of(), argv, List.of(), nodeFiles(r, first));
        }
        return r.done(Runtime.BUN, Target.script(first), Map.of(), argv);
    }

    /**
     * Records the Bun flags that lead {@code args} ({@code --watch}, {@code --hot}, {@code --smol},
     * {@code --env-file=.env}) as interpreter options and returns what follows them.
     */
    private static List<String> bunOptions(CommandReader r, List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            if (eq > 0) {
                r.interpreter.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (BUN_VALUE_FLAGS.contains(arg) && i + 1 < args.size()) {
                r.interpreter.put(arg, args.get(++i));
            } else {
                r.interpreter.put(arg, "true");
            }
            i++;
        }
        return args.subList(i, args.size());
    }

    static EntryPoint nodemon(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = NODEMON.parse(argv.subList(1, argv.size()), true);
        if (parsed.positionals().isEmpty()) {
            r.notes.add("nodemon without a script runs package.json's main (or its start script)");
            return r.done(Runtime.NODEMON, Target.NONE, parsed.options(), argv);
        }
        String script = parsed.positionals().get(0);
        return r.done(Runtime.NODEMON, nodeTarget(r, script), parsed.options(), argv, List.of(), nodeFiles(r, script));
    }

    static EntryPoint tsNode(CommandReader r, String name, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        if (name.equals("tsx") && !rest.isEmpty() && rest.get(0).equals("watch")) {
            r.interpreter.put("--watch", "true");
            rest = rest.subList(1, rest.size());
        }
        OptionSpec.Parsed parsed = TS_NODE.parse(rest, true);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        if (name.equals("ts-node-dev") || options.containsKey("watch")) {
            r.interpreter.put("--watch", "true");
        }
        if (parsed.positionals().isEmpty()) {
            return r.done(Runtime.TS_NODE, options.containsKey("eval") ? Target.code(options.get("eval")) : Target.NONE, options, argv);
        }
        String script = parsed.positionals().get(0);
        return r.done(Runtime.TS_NODE, nodeTarget(r, script), options, argv, List.of(), nodeFiles(r, script));
    }

    /** A tool whose first positional is a sub-command mapped to a runtime; others are {@link Runtime#BINARY}. */
    /** next, vite, ng, react-scripts, vue-cli-service: the sub-command tells the runtime. */
    static EntryPoint frameworkServer(CommandReader r, String name, List<String> argv) {
        return switch (name) {
            case "next" -> subcommand(r, argv, NEXT, Map.of("dev", Runtime.NEXT_DEV, "start", Runtime.NEXT_START, "", Runtime.NEXT_DEV));
            case "vite" -> subcommand(r, argv, VITE, Map.of("", Runtime.VITE_DEV, "dev", Runtime.VITE_DEV, "serve", Runtime.VITE_DEV,
                    "preview", Runtime.VITE_PREVIEW));
            case "ng" -> subcommand(r, argv, NG, Map.of("serve", Runtime.NG_SERVE, "s", Runtime.NG_SERVE));
            case "vue-cli-service" -> subcommand(r, argv, VUE_CLI, Map.of("serve", Runtime.VUE_CLI_SERVE));
            default -> subcommand(r, argv, OptionSpec.NONE, Map.of("start", Runtime.REACT_SCRIPTS_START));
        };
    }

    private static EntryPoint subcommand(CommandReader r, List<String> argv, OptionSpec spec, Map<String, Runtime> runtimes) {
        OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
        String command = parsed.positionals().isEmpty() ? "" : parsed.positionals().get(0);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        Runtime runtime = runtimes.get(command);
        if (runtime == null) {
            options.put("command", command);
            return r.done(Runtime.BINARY, r.binary(argv.get(0)), options, argv);
        }
        List<String> positionals = parsed.positionals();
        Target target = positionals.size() > 1 ? Target.directory(positionals.get(1), r.abs(positionals.get(1)))
                : Target.directory(".", r.workdir);
        return r.done(runtime, target, options, argv);
    }

    static EntryPoint serve(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = SERVE.parse(argv.subList(1, argv.size()), false);
        String dir = parsed.positionals().isEmpty() ? "." : parsed.positionals().get(0);
        return r.done(Runtime.SERVE, Target.directory(dir, r.abs(dir)), parsed.options(), argv);
    }

    static EntryPoint pm2(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = PM2.parse(argv.subList(1, argv.size()), false);
        List<String> positionals = new ArrayList<>(parsed.positionals());
        if (!positionals.isEmpty() && positionals.get(0).equals("start")) {
            positionals.remove(0);
        }
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        if (positionals.isEmpty()) {
            return r.done(Runtime.PM2, Target.NONE, options, argv);
        }
        String app = positionals.get(0);
        if (app.equals("npm") || app.equals("yarn") || app.equals("pnpm")) {
            List<String> script = parsed.afterDashes();
            String name = script.isEmpty() ? "start" : script.get(0).equals("run") && script.size() > 1 ? script.get(1) : script.get(0);
            options.put("interpreter", app);
            return r.done(Runtime.PM2, Target.script(name), options, argv);
        }
        String name = PathNames.fileName(app);
        if (name.matches(".*\\.config\\.(js|cjs|mjs)$") || name.endsWith(".json") || name.endsWith(".yml")
                || name.endsWith(".yaml") || name.startsWith("ecosystem")) {
            return r.done(Runtime.PM2, Target.config(app, r.abs(app)), options, argv);
        }
        return r.done(Runtime.PM2, nodeTarget(r, app), options, argv, List.of(), nodeFiles(r, app));
    }
}
