package dev.drydock.core.entrypoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** go run, web servers and process managers. */
final class SystemCommands {

    private SystemCommands() {}

    private static final OptionSpec GO_RUN = OptionSpec.of("-tags=", "-ldflags=", "-gcflags=", "-asmflags=", "-mod=",
            "-modfile=", "-overlay=", "-pkgdir=", "-p=", "-exec=", "-C=", "-race", "-v", "-x", "-a", "-n", "-work",
            "-trimpath", "-cover", "-msan", "-asan", "-buildvcs=", "-pgo=", "-covermode=", "-coverpkg=", "-toolexec=",
            "-buildmode=", "-compiler=", "-installsuffix=", "-linkshared");
    static final OptionSpec NGINX = OptionSpec.of("-c=", "-g=", "-p=", "-e=", "-s=", "-q", "-t", "-T", "-v", "-V", "-h");
    static final OptionSpec APACHE = OptionSpec.of("-D=", "-f=", "-d=", "-C=", "-c=", "-k=", "-e=", "-E=", "-X");
    private static final OptionSpec CADDY = OptionSpec.of("-c|--config=", "-a|--adapter=", "--watch", "--environ",
            "--resume", "--envfile=", "--pingback=", "--from=", "--to=", "--listen=", "--root=", "--domain=", "--browse",
            "--access-log", "--templates", "-v|--debug");
    static final OptionSpec SUPERVISORD = OptionSpec.of("-c|--configuration=", "-n|--nodaemon", "-s|--silent",
            "-u|--user=", "-d|--directory=", "-l|--logfile=", "-e|--loglevel=", "-j|--pidfile=", "-k|--nocleanup",
            "-m|--umask=", "-i|--identifier=", "-q|--childlogdir=", "-t|--strip_ansi", "-y|--logfile_maxbytes=",
            "-z|--logfile_backups=", "-a|--minfds=", "-b|--minprocs=");

    /**
     * {@code dotnet watch ...} and {@code dotnet run ...}; any other {@code dotnet} command is read as before, as a
     * program drydock does not know.
     */
    static EntryPoint dotnet(CommandReader r, List<String> argv) {
        if (argv.size() > 1 && argv.get(1).equals("watch")) {
            return r.done(Runtime.DOTNET_WATCH, Target.NONE, Map.of(), argv);
        }
        if (argv.size() > 1 && argv.get(1).equals("run")) {
            Map<String, String> options = new LinkedHashMap<>();
            String configuration = optionValue(argv.subList(2, argv.size()), "-c", "--configuration");
            if (configuration != null) {
                options.put("configuration", configuration);
            }
            return r.done(Runtime.DOTNET_RUN, Target.NONE, options, argv);
        }
        return r.done(Runtime.BINARY, r.binary(argv.get(0)), Map.of(), argv);
    }

    /**
     * {@code cargo run ...}: {@code options.profile} is {@code release} for {@code --release}/{@code -r}, the named
     * profile for {@code --profile}, absent for the dev profile; other Cargo commands are an unknown program.
     */
    static EntryPoint cargo(CommandReader r, List<String> argv) {
        if (argv.size() < 2 || !argv.get(1).equals("run")) {
            return r.done(Runtime.BINARY, r.binary(argv.get(0)), Map.of(), argv);
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = argv.subList(2, argv.size());
        for (String arg : rest) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--release") || arg.equals("-r")) {
                options.put("profile", "release");
            }
        }
        String profile = optionValue(rest, "--profile");
        if (profile != null) {
            options.put("profile", profile);
        }
        return r.done(Runtime.CARGO_RUN, Target.NONE, options, argv);
    }

    /** The value of the first of the named options ({@code -c Release}, {@code --configuration=Release}) before {@code --}. */
    private static String optionValue(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return null;
            }
            for (String name : names) {
                if (arg.equals(name) && i + 1 < args.size()) {
                    return args.get(i + 1);
                }
                if (arg.startsWith(name + "=")) {
                    return arg.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /** {@code mix phx.server}, with MIX_ENV as its environment; other Mix tasks are read as an unknown program. */
    static EntryPoint mix(CommandReader r, List<String> argv) {
        if (argv.size() > 1 && argv.get(1).equals("phx.server")) {
            Map<String, String> options = new LinkedHashMap<>();
            r.fromEnv(options, "MIX_ENV", "environment");
            return r.done(Runtime.MIX_PHX_SERVER, Target.NONE, options, argv);
        }
        return r.done(Runtime.BINARY, r.binary(argv.get(0)), Map.of(), argv);
    }

    /** {@code elixir -S mix ...} and {@code iex -S mix ...} run the Mix task; anything else is an unknown program. */
    static EntryPoint elixir(CommandReader r, List<String> argv) {
        int script = argv.indexOf("-S");
        if (script > 0 && script + 1 < argv.size() && argv.get(script + 1).equals("mix")) {
            return mix(r, argv.subList(script + 1, argv.size()));
        }
        return r.done(Runtime.BINARY, r.binary(argv.get(0)), Map.of(), argv);
    }

    static EntryPoint go(CommandReader r, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        if (rest.isEmpty() || !rest.get(0).equals("run")) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("command", rest.isEmpty() ? "" : rest.get(0));
            return r.done(Runtime.BINARY, r.binary(argv.get(0)), options, argv);
        }
        OptionSpec.Parsed parsed = GO_RUN.parse(rest.subList(1, rest.size()), true);
        List<String> positionals = parsed.positionals();
        if (positionals.isEmpty()) {
            return r.done(Runtime.GO_RUN, Target.NONE, parsed.options(), argv);
        }
        String first = positionals.get(0);
        if (first.endsWith(".go")) {
            List<String> files = new ArrayList<>();
            for (String file : positionals) {
                if (!file.endsWith(".go")) {
                    break;
                }
                files.add(r.abs(file));
            }
            return r.done(Runtime.GO_RUN, Target.file(first, r.abs(first)), parsed.options(), argv, List.of(), files);
        }
        Target target = first.startsWith(".") || first.startsWith("/") ? Target.directory(first, r.abs(first)) : Target.module(first);
        return r.done(Runtime.GO_RUN, target, parsed.options(), argv);
    }

    static EntryPoint configured(CommandReader r, Runtime runtime, OptionSpec spec, List<String> argv, String configOption) {
        OptionSpec.Parsed parsed = spec.parse(argv.subList(1, argv.size()), false);
        String config = parsed.options().get(configOption);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        if (config != null) {
            options.remove(configOption);
            options.put("config", config);
        }
        return r.done(runtime, config == null ? Target.NONE : Target.config(config, r.abs(config)), options, argv);
    }

    static EntryPoint caddy(CommandReader r, List<String> argv) {
        OptionSpec.Parsed parsed = CADDY.parse(argv.subList(1, argv.size()), false);
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        options.put("command", parsed.positionals().isEmpty() ? "" : parsed.positionals().get(0));
        String config = options.get("config");
        return r.done(Runtime.CADDY, config == null ? Target.NONE : Target.config(config, r.abs(config)), options, argv);
    }
}
