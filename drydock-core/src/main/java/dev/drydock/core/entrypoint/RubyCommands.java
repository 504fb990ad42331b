package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ruby programs: rails, puma, rackup, unicorn, ruby. */
final class RubyCommands {

    private RubyCommands() {}

    private static final OptionSpec RAILS = OptionSpec.of("-b|--binding=", "-p|--port=", "-e|--environment=",
            "-P|--pid=", "-d|--daemon", "-u|--using=", "-c|--config=", "--early-hints", "-C|--dev-caching",
            "--log-to-stdout");
    static final OptionSpec PUMA = OptionSpec.of("-b|--bind=", "-p|--port=", "-w|--workers=", "-t|--threads=",
            "-C|--config=", "-e|--environment=", "--preload", "-d|--daemon", "--pidfile=", "-S|--state=",
            "--control-url=", "--control-token=", "-q|--quiet", "-v|--log-requests", "--tag=", "--dir=",
            "-R|--restart-cmd=", "-I|--include=", "--redirect-stdout=", "--redirect-stderr=", "--fork-worker=?",
            "--debug", "--idle-timeout=", "--early-hints", "-s|--silent");
    static final OptionSpec RACKUP = OptionSpec.of("-p|--port=", "-o|--host=", "-E|--env=", "-s|--server=",
            "-D|--daemonize", "-P|--pid=", "-I|--include=", "-r|--require=", "-O|--option=", "-q|--quiet", "-b|--builder=",
            "-w|--warn", "-d|--debug");
    static final OptionSpec UNICORN = OptionSpec.of("-c|--config-file=", "-E|--env=", "-p|--port=", "-o|--host=",
            "-l|--listen=", "-D|--daemonize", "-I|--include=", "-r|--require=", "-N|--no-default-middleware", "-d|--debug",
            "-w|--warn");

    static EntryPoint rails(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        String command = rest.isEmpty() ? "" : rest.get(0);
        OptionSpec.Parsed parsed = RAILS.parse(rest.isEmpty() ? rest : rest.subList(1, rest.size()), false);
        Map<String, String> options = new LinkedHashMap<>();
        r.fromEnv(options, "RAILS_ENV", "environment");
        options.putAll(parsed.options());
        if (command.equals("server") || command.equals("s")) {
            String rackup = PathNames.normalizeAbsolute(r.workdir, "config.ru");
            return r.done(Runtime.RAILS_SERVER, Target.file("config.ru", rackup), options, argv, List.of(), List.of(rackup));
        }
        options.put("command", command);
        return r.done(Runtime.RAILS_COMMAND, Target.NONE, options, argv);
    }

    static EntryPoint rackServer(CommandReader r, Runtime runtime, OptionSpec spec, List<String> argv) {
        OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        if (runtime == Runtime.PUMA) {
            r.fromEnvIfAbsent(options, "RACK_ENV", "environment");
        }
        String rackup = parsed.positionals().isEmpty() ? "config.ru" : parsed.positionals().get(0);
        String path = r.abs(rackup);
        return r.done(runtime, Target.file(rackup, path), options, argv, List.of(), List.of(path));
    }

    static EntryPoint ruby(CommandReader r, List<String> argv) {
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            String arg = argv.get(i);
            if (arg.equals("-e")) {
                return r.done(Runtime.RUBY, Target.code(i + 1 < argv.size() ? argv.get(i + 1) : ""), Map.of(), argv);
            }
            if ((arg.equals("-I") || arg.equals("-r") || arg.equals("-C") || arg.equals("-E")) && i + 1 < argv.size()) {
                OptionSpec.put(r.interpreter, arg, argv.get(++i));
            } else {
                r.interpreter.put(arg, "true");
            }
            i++;
        }
        if (i >= argv.size()) {
            return r.done(Runtime.RUBY, Target.NONE, Map.of(), argv);
        }
        String script = argv.get(i);
        if (CommandReader.base(script).equals(Thruster.NAME) && i + 1 < argv.size()) {
            return r.run(r.thruster(argv.subList(i + 1, argv.size())));
        }
        if (CommandReader.base(script).equals("rails")) {
            List<String> next = new ArrayList<>(argv.subList(i, argv.size()));
            return rails(r, next);
        }
        return r.done(Runtime.RUBY, Target.file(script, r.abs(script)), Map.of(), argv, List.of(), List.of(r.abs(script)));
    }
}
