package dev.drydock.core.entrypoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PHP programs: php and artisan, the built-in server, php-fpm, FrankenPHP, RoadRunner. */
final class PhpCommands {

    private PhpCommands() {}

    private static final OptionSpec ARTISAN = OptionSpec.of("--host=", "--port=", "--tries=", "--no-reload",
            "--server=", "--workers=", "--task-workers=", "--max-requests=", "--watch", "--poll", "--env=",
            "--rpc-port=", "--https", "--http-redirect", "--caddyfile=", "--admin-port=", "--log-level=");
    private static final OptionSpec PHP_FPM_SPEC = OptionSpec.of("-F|--nodaemonize", "-R|--allow-to-run-as-root",
            "-y|--fpm-config=", "-c|--php-ini=", "-d|--define=", "-O|--force-stderr", "-D|--daemonize", "-t|--test",
            "-p|--prefix=", "-g|--pid=", "-n|--no-php-ini", "-e|--php-ini-extended");
    private static final OptionSpec FRANKENPHP = OptionSpec.of("-c|--config=", "-a|--adapter=", "--watch", "--environ",
            "--resume", "-l|--listen=", "-r|--root=", "-w|--worker=", "-d|--domain=", "-v|--debug", "--envfile=",
            "--mercure", "--no-compress", "--access-log");

    private static final OptionSpec ROADRUNNER = OptionSpec.of("-c|--config=", "-w|--workDir=", "-o|--override=",
            "--dotenv=", "-d|--debug", "-s|--silent", "-p|--pidfile");

    /**
     * {@code rr serve}: its configuration is -c's file, else .rr.yaml in the working directory (-w's, else the
     * command's); read as one of the command's files so that the project's copy of it is found.
     */
    static EntryPoint roadRunner(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = ROADRUNNER.parse(argv.subList(1, argv.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        String config = options.get("config");
        if (config == null) {
            String dir = options.get("workDir");
            config = dir == null ? ".rr.yaml" : dir.replaceFirst("/*$", "/") + ".rr.yaml";
            options.put("config", config);
        }
        return r.done(Runtime.ROADRUNNER, Target.config(config, r.abs(config)), options, argv);
    }

    static EntryPoint phpFpm(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = PHP_FPM_SPEC.parse(argv.subList(1, argv.size()), false);
        String config = parsed.options().get("fpm-config");
        return r.done(Runtime.PHP_FPM, config == null ? Target.NONE : Target.config(config, r.abs(config)), parsed.options(), argv);
    }

    static EntryPoint php(CommandReader r, List<String> argv) {
        int i = 1;
        String listen = null;
        String docroot = null;
        while (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("--")) {
            String arg = argv.get(i);
            String flag = arg.length() > 2 ? arg.substring(0, 2) : arg;
            String attached = arg.length() > 2 ? arg.substring(2) : null;
            switch (flag) {
                case "-S" -> listen = attached != null ? attached : i + 1 < argv.size() ? argv.get(++i) : "";
                case "-t" -> docroot = attached != null ? attached : i + 1 < argv.size() ? argv.get(++i) : "";
                case "-r" -> {
                    return r.done(Runtime.PHP, Target.code(attached != null ? attached : i + 1 < argv.size() ? argv.get(i + 1) : ""), Map.of(), argv);
                }
                case "-d", "-c", "-f", "-z" -> {
                    String value = attached != null ? attached : i + 1 < argv.size() ? argv.get(++i) : "";
                    if (flag.equals("-f")) {
                        return phpScript(r, argv, value, argv.subList(Math.min(i + 1, argv.size()), argv.size()));
                    }
                    OptionSpec.put(r.interpreter, flag, value);
                }
                default -> r.interpreter.put(arg, "true");
            }
            i++;
        }
        if (i < argv.size() && argv.get(i).equals("--")) {
            i++;
        }
        if (listen != null) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("listen", listen);
            if (docroot != null) {
                options.put("docroot", docroot);
            }
            if (i < argv.size()) {
                String router = argv.get(i);
                return r.done(Runtime.PHP_BUILTIN_SERVER, Target.file(router, r.abs(router)), options, argv, List.of(), List.of(r.abs(router)));
            }
            String root = docroot == null ? "." : docroot;
            return r.done(Runtime.PHP_BUILTIN_SERVER, Target.directory(root, r.abs(root)), options, argv);
        }
        if (i >= argv.size()) {
            return r.done(Runtime.PHP, Target.NONE, Map.of(), argv);
        }
        return phpScript(r, argv, argv.get(i), argv.subList(i + 1, argv.size()));
    }

    private static EntryPoint phpScript(CommandReader r, List<String> argv, String script, List<String> args) {
        String path = r.abs(script);
        if (!CommandReader.base(script).equals("artisan")) {
            return r.done(Runtime.PHP, Target.file(script, path), Map.of(), argv, List.of(), List.of(path));
        }
        String command = args.isEmpty() ? "" : args.get(0);
        OptionSpec.Parsed parsed = ARTISAN.parse(args.isEmpty() ? args : args.subList(1, args.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        Runtime runtime;
        if (command.equals("serve")) {
            runtime = Runtime.ARTISAN_SERVE;
        } else if (command.startsWith("octane:start") || command.equals("octane:frankenphp") || command.equals("octane:swoole") || command.equals("octane:roadrunner")) {
            runtime = Runtime.LARAVEL_OCTANE;
            options.put("command", command);
        } else {
            runtime = Runtime.ARTISAN_COMMAND;
            options.put("command", command);
        }
        return r.done(runtime, Target.file(script, path), options, argv, List.of(), List.of(path));
    }

    static EntryPoint frankenphp(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        OptionSpec.Parsed parsed = FRANKENPHP.parse(rest, false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        options.put("command", parsed.positionals().isEmpty() ? "" : parsed.positionals().get(0));
        String config = options.get("config");
        return r.done(Runtime.FRANKENPHP, config == null ? Target.NONE : Target.config(config, r.abs(config)), options, argv);
    }
}
