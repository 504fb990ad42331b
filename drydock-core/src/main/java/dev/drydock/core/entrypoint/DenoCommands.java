package dev.drydock.core.entrypoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deno: {@code deno run [flags] file}, {@code deno file} (Deno 2 runs a file given without a sub-command),
 * {@code deno serve [flags] file}, {@code deno task NAME} (a task of deno.json or deno.jsonc, else a package.json
 * script), and Deno's other sub-commands. Deno's permission flags take their values after an equals sign only
 * ({@code --allow-net=example.com}), so {@code --allow-net main.ts} runs main.ts; the flags are kept with their dashes
 * as {@link EntryPoint#interpreterOptions()}, {@code --watch} (also {@code --watch=src/}, {@code --watch-hmr}) as
 * "true".
 */
final class DenoCommands {

    private DenoCommands() {}

    /** Deno's flags whose value may follow as the next argument; the others take one after "=" or none. */
    private static final Set<String> VALUE_FLAGS = Set.of("-c", "--config", "--import-map", "--cert", "--location",
            "--seed", "--ext", "-L", "--log-level", "--port", "--host", "--preload", "--import", "--cwd", "-f",
            "--filter", "--output", "-o", "--target", "--include", "--icon", "--env", "--entrypoint");

    /** The flags of a sub-command kept in the options too, without dashes. */
    private static final Set<String> KEPT = Set.of("--port", "--host", "--cwd", "--config", "-c");

    /** The sub-commands whose first positional is the file (or module) they run. */
    private static final Set<String> RUNS_FILE = Set.of("run", "serve");

    /** Deno's other sub-commands, which run no application file of their own. */
    private static final Set<String> SUBCOMMANDS = Set.of("add", "bench", "bundle", "cache", "check", "clean",
            "compile", "completions", "coverage", "doc", "eval", "fmt", "help", "info", "init", "install", "jupyter",
            "lint", "lsp", "outdated", "publish", "remove", "repl", "test", "types", "uninstall", "update", "upgrade",
            "vendor", "x");

    static EntryPoint deno(CommandReader r, List<String> argv) {
        List<String> rest = flags(r, argv.subList(1, argv.size()), null);
        if (rest.isEmpty()) {
            return r.done(Runtime.DENO, Target.NONE, Map.of("command", "repl"), argv);
        }
        String first = rest.get(0);
        Map<String, String> options = new LinkedHashMap<>();
        if (first.equals("task")) {
            List<String> after = flags(r, rest.subList(1, rest.size()), options);
            options.put("command", "task");
            return after.isEmpty() ? r.done(Runtime.DENO_TASK, Target.NONE, options, argv)
                    : r.done(Runtime.DENO_TASK, Target.script(after.get(0)), options, argv);
        }
        String command = RUNS_FILE.contains(first) || SUBCOMMANDS.contains(first) ? first : "run";
        List<String> afterCommand = command.equals(first) ? rest.subList(1, rest.size()) : rest;
        if (!RUNS_FILE.contains(command)) {
            options.put("command", command);
            if (command.equals("eval") && !afterCommand.isEmpty()) {
                List<String> code = flags(r, afterCommand, options);
                return r.done(Runtime.DENO, code.isEmpty() ? Target.NONE : Target.code(code.get(0)), options, argv);
            }
            return r.done(Runtime.DENO, Target.NONE, options, argv);
        }
        List<String> positionals = flags(r, afterCommand, options);
        options.put("command", command);
        if (positionals.isEmpty()) {
            return r.done(Runtime.DENO, Target.NONE, options, argv);
        }
        String file = positionals.get(0);
        if (remote(file)) {
            return r.done(Runtime.DENO, Target.module(file), options, argv);
        }
        return r.done(Runtime.DENO, Target.file(file, r.abs(file)), options, argv);
    }

    /** A module Deno fetches rather than a file of the image: a URL, {@code npm:}, {@code jsr:}. */
    static boolean remote(String specifier) {
        return specifier.matches("(?i)(https?|npm|jsr|data):.*");
    }

    /**
     * Reads the flags that lead {@code args}: Deno's own into the interpreter options (--watch as "true"), those of the
     * sub-command that drydock keeps ({@code --port}, {@code --host}, {@code --cwd}, {@code --config}) into
     * {@code options} (when given) without dashes too; returns what follows them.
     */
    private static List<String> flags(CommandReader r, List<String> args, Map<String, String> options) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-")) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            int eq = arg.indexOf('=');
            String key = eq > 0 ? arg.substring(0, eq) : arg;
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (VALUE_FLAGS.contains(key) && i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                value = "true";
            }
            if (key.equals("--watch") || key.equals("--watch-hmr") || key.equals("--hmr")) {
                r.interpreter.put("--watch", "true");
                if (!key.equals("--watch")) {
                    r.interpreter.put(key, "true");
                }
            } else {
                r.interpreter.put(key, value);
            }
            if (options != null && KEPT.contains(key)) {
                options.put(key.equals("-c") ? "config" : key.substring(2), value);
            }
            i++;
        }
        return args.subList(i, args.size());
    }
}
