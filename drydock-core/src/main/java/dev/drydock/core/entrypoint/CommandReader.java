package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.SearchPath;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.ShellWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One interpretation of a command: peels the wrappers off (see {@link EntryPoints}) while it builds
 * up the state they change (environment, working directory, user, interpreter options, notes), then
 * hands the program to the recogniser of its ecosystem ({@link PythonCommands}, {@link NodeCommands},
 * {@link JvmCommands}, {@link RubyCommands}, {@link PhpCommands}, {@link SystemCommands}), which
 * finishes with {@link #done}.
 */
final class CommandReader {

    private static final Pattern PYTHON = Pattern.compile("(python|pypy)(\\d+(\\.\\d+)*)?(-dbg)?");
    private static final Pattern PHP_FPM = Pattern.compile("php-?fpm[\\d.]*");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");
    /** Shell bookkeeping that is never the application. */
    private static final Set<String> SHELL_STATE = Set.of(
            "cd", "export", "set", "unset", "umask", "ulimit", "shopt", "trap", ":", "true", "false", "wait", "exit",
            "source", ".", "readonly", "alias", "hash");
    /** Setup commands that run before the application, rarely as it. */
    private static final Set<String> SETUP = Set.of(
            "echo", "printf", "sleep", "[", "test", "mkdir", "chown", "chmod", "rm", "cp", "mv", "ln", "touch");
    /** Programs {@link #recognize} knows by name (for telling a command from a script's own arguments). */
    private static final Set<String> KNOWN_PROGRAMS = Set.of(
            "gunicorn", "uvicorn", "hypercorn", "waitress-serve", "daphne", "granian", "flask", "django-admin",
            "manage.py", "fastapi", "streamlit", "gradio", "celery", "node", "nodejs", "npm", "yarn", "pnpm", "bun", "deno", "nodemon",
            "ts-node", "ts-node-dev", "tsx", "next", "vite", "ng", "react-scripts", "vue-cli-service", "serve", "pm2-runtime", "pm2",
            "java", "mvn", "mvnw", "gradle", "gradlew", "go", "rails", "puma", "rackup", "unicorn", "ruby", "php",
            "frankenphp", "rr", "nginx", "httpd-foreground", "apache2-foreground", "httpd", "apache2", "apachectl",
            "apache2ctl", "caddy", "supervisord", "exec", "env", "cross-env", "tini", "dumb-init", "gosu", "su-exec",
            "opentelemetry-instrument", "ddtrace-run", "bundle", "npx", "poetry", "pipenv", "uv", "dotnet", "mix",
            "elixir", "iex", "air", "CompileDaemon", "gow",
            // servers official images start through their entry-point scripts
            "postgres", "mysqld", "mariadbd", "mongod", "redis-server", "memcached", "rabbitmq-server", "haproxy",
            "traefik", "envoy", "sidekiq", "cron", "crond", "thrust");
    /**
     * s6-overlay's init: given a command (the CMD), it runs it as the container's main program in the environment it
     * set up, beside its supervised services, and stops the container when it exits.
     */
    static final String S6_OVERLAY_INIT = "/init";
    private static final OptionSpec TINI = OptionSpec.of("-p=", "-e=", "-s", "-g", "-v", "-vv", "-vvv", "-w", "-l", "-h");
    private static final OptionSpec DUMB_INIT = OptionSpec.of("-r|--rewrite=", "-c|--single-child", "-v|--verbose", "-V|--version");
    private static final OptionSpec CHPST = OptionSpec.of("-u=", "-U=", "-b=", "-e=", "-/=", "-n=", "-l=", "-L=", "-m=",
            "-d=", "-o=", "-p=", "-f=", "-c=", "-r=", "-t=", "-v", "-P", "-0", "-1", "-2");
    private static final OptionSpec SETPRIV = OptionSpec.of("--reuid=", "--regid=", "--groups=", "--inh-caps=",
            "--ambient-caps=", "--bounding-set=", "--securebits=", "--pdeathsig=", "--selinux-label=", "--apparmor-profile=",
            "--landlock-access=", "--landlock-rule=", "--init-groups", "--clear-groups", "--keep-groups", "--no-new-privs",
            "--reset-env", "-d|--dump", "--nnp");
    private static final OptionSpec RUNUSER = OptionSpec.of("-u|--user=", "-g|--group=", "-G|--supp-group=",
            "-c|--command=", "-s|--shell=", "-l|--login", "-m|-p|--preserve-environment", "-w|--whitelist-environment=");
    private static final OptionSpec SU = OptionSpec.of("-c|--command=", "-s|--shell=", "-g|--group=", "-G|--supp-group=",
            "-l|--login", "-m|-p|--preserve-environment", "-w|--whitelist-environment=", "-P|--pty");
    private static final OptionSpec SUDO = OptionSpec.of("-u|--user=", "-g|--group=", "-E|--preserve-env", "-H|--set-home",
            "-n|--non-interactive", "-i|--login", "-s|--shell", "-C|--close-from=", "-D|--chdir=");
    private static final OptionSpec NPX = OptionSpec.of("-y|--yes", "--no", "-p|--package=", "-c|--call=", "--prefix=",
            "-q|--quiet", "-w|--workspace=", "--ignore-existing");
    private static final OptionSpec UV_RUN = OptionSpec.of("--with=", "--with-editable=", "--with-requirements=",
            "-p|--python=", "--group=", "--only-group=", "--extra=", "--package=", "--env-file=", "--directory=",
            "--project=", "--index=", "--index-url=", "--extra-index-url=", "-m|--module", "--frozen", "--locked",
            "--no-dev", "--no-sync", "--isolated", "--all-extras", "--all-packages", "--no-project", "--active",
            "--no-cache", "-q|--quiet", "-v|--verbose", "--no-editable", "--exact", "--script", "--offline",
            "--compile-bytecode", "--no-group=", "--no-extra=");
    private static final OptionSpec DOCKERIZE = OptionSpec.of("-wait=", "-timeout=", "-template=", "-stdout=", "-stderr=",
            "-poll", "-wait-retry-interval=", "-delims=", "-no-overwrite", "-env=", "-wait-http-header=",
            "-skip-tls-verify", "-version");

    final Map<String, String> env;
    String workdir;
    String user;
    final Map<String, String> interpreter = new LinkedHashMap<>();
    final List<Wrapper> wrappers = new ArrayList<>();
    final List<String> scripts = new ArrayList<>();
    final List<List<String>> otherCommands = new ArrayList<>();
    final List<String> unresolved = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String shellScript;
    /** The last {@code sh -c} script whose commands were followed, kept whole when its program can't be read. */
    private String followedScript;
    String commandIgnoredBy;
    String startedBy;
    private final ScriptFiles scriptFiles;
    /** The programs of a script's ways that drydock cannot choose between ({@link EntryPoint#branches()}). */
    private final List<EntryPoint.Branch> branches = new ArrayList<>();
    /** How many scripts' ways this reading is inside of: bounds readings of scripts that branch again. */
    private int forks;

    CommandReader(Invocation invocation, ScriptFiles scriptFiles) {
        this.scriptFiles = scriptFiles;
        this.env = new LinkedHashMap<>(invocation.environment());
        this.workdir = PathNames.normalizeAbsolute("/", invocation.workdir());
    }

    /** A reading that goes on from where this one is, on one way through a script. */
    private CommandReader fork() {
        CommandReader copy = new CommandReader(new Invocation(List.of(), false, env, workdir), scriptFiles);
        copy.workdir = workdir;
        copy.user = user;
        copy.interpreter.putAll(interpreter);
        copy.wrappers.addAll(wrappers);
        copy.scripts.addAll(scripts);
        copy.otherCommands.addAll(otherCommands);
        copy.unresolved.addAll(unresolved);
        copy.notes.addAll(notes);
        copy.commandIgnoredBy = commandIgnoredBy;
        copy.startedBy = startedBy;
        copy.forks = forks + 1;
        return copy;
    }

    /** A project script already parsed, read as {@code sh -c} reads its text (with no arguments). */
    EntryPoint runScript(ShellScript script) {
        String text = script.text().file().text();
        List<String> argv = List.of("/bin/sh", "-c", text);
        wrappers.add(new Wrapper("sh -c", List.of(text)));
        Step step = commandString(SimpleScript.read(script, env, List.of(), workdir, scriptFiles), text, argv);
        return step.result() != null ? step.result() : run(step.next());
    }

    EntryPoint run(List<String> start) {
        List<String> argv = start;
        for (int depth = 0; depth < 64; depth++) {
            if (argv.isEmpty()) {
                return done(Runtime.NONE, Target.NONE, Map.of(), argv);
            }
            String name = base(argv.get(0));
            if (SHELLS.contains(name)) {
                Step step = shell(name, argv);
                if (step.result() != null) {
                    return step.result();
                }
                argv = step.next();
                continue;
            }
            if (argv.get(0).equals(S6_OVERLAY_INIT) && argv.size() > 1) {
                wrappers.add(new Wrapper(S6_OVERLAY_INIT, List.of()));
                argv = argv.subList(1, argv.size());
                continue;
            }
            List<String> next = peel(name, argv);
            if (next != null) {
                argv = next;
                continue;
            }
            if (substituted(argv.get(0))) {
                notes.add("the program is the output of `" + argv.get(0) + "`, which drydock does not run; not read");
                shellScript = followedScript;
                return done(Runtime.SHELL, Target.NONE, Map.of(), argv);
            }
            if (isScript(argv.get(0)) || projectShellScript(argv.get(0)) || scriptOnPath(argv.get(0))) {
                next = script(argv.get(0), argv.subList(1, argv.size()));
                if (next == null) {
                    return done(Runtime.SCRIPT, Target.file(argv.get(0), located(argv.get(0))), Map.of(), argv);
                }
                argv = next;
                continue;
            }
            return recognize(name, argv);
        }
        notes.add("wrappers nest too deeply; stopped reading");
        return done(Runtime.SHELL, Target.NONE, Map.of(), argv);
    }

    /** What a shell leads to: the next argv to read, or the finished result. */
    private record Step(List<String> next, EntryPoint result) {
        static Step to(List<String> next) {
            return new Step(next, null);
        }

        static Step end(EntryPoint result) {
            return new Step(null, result);
        }
    }

    // ---- wrappers ----

    /** {@code sh -c script [$0 args...]}, {@code sh script.sh args}, or a bare shell. */
    private Step shell(String name, List<String> argv) {
        List<String> args = argv.subList(1, argv.size());
        int i = 0;
        boolean command = false;
        List<String> options = new ArrayList<>();
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--") || arg.equals("-")) {
                i++;
                break;
            }
            if (!(arg.startsWith("-") || arg.startsWith("+")) || arg.length() < 2) {
                break;
            }
            options.add(arg);
            if (arg.equals("-o") || arg.equals("+o") || arg.equals("--rcfile") || arg.equals("--init-file")) {
                if (i + 1 < args.size()) {
                    options.add(args.get(i + 1));
                }
                i += 2;
                continue;
            }
            if (!arg.startsWith("--") && arg.indexOf('c') > 0) {
                command = true;
            }
            i++;
        }
        if (command) {
            if (i >= args.size()) {
                return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
            }
            wrappers.add(new Wrapper(name + " -c", List.of(args.get(i))));
            return commandString(args.get(i), args.subList(i + 1, args.size()), argv);
        }
        if (i < args.size()) {
            wrappers.add(new Wrapper(name, options));
            List<String> next = script(args.get(i), args.subList(i + 1, args.size()));
            if (next == null) {
                return Step.end(done(Runtime.SCRIPT, Target.file(args.get(i), abs(args.get(i))), Map.of(), argv));
            }
            return Step.to(next);
        }
        return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
    }

    /**
     * {@code sh -c script $0 $1 ...}: the application command of the script, with the directory
     * and environment earlier commands give it; the other commands are recorded.
     */
    private Step commandString(String script, List<String> positional, List<String> argv) {
        return commandString(SimpleScript.read(script, env, positional, workdir, scriptFiles), script, argv);
    }

    /** {@link #commandString(String, List, List)} of a script already read. */
    private Step commandString(SimpleScript parsed, String script, List<String> argv) {
        unresolved.addAll(parsed.unresolved());
        if (!parsed.supported()) {
            shellScript = script;
            notes.add("drydock does not split a script with " + parsed.unsupported() + "; kept whole");
            return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
        }
        List<String> next = follow(parsed);
        if (next == null) {
            shellScript = script;
            return Step.end(done(Runtime.SHELL, Target.NONE, Map.of(), argv));
        }
        followedScript = script;
        return Step.to(next);
    }

    /**
     * The words of a readable script's application command, with the directory and environment earlier commands
     * give it (the other commands are recorded); null, changing nothing, when it has none.
     */
    private List<String> follow(SimpleScript parsed) {
        return follow(parsed, null);
    }

    /**
     * {@link #follow(SimpleScript)}; when the script's end depends on conditions drydock cannot decide, the program of
     * each way is read into {@link #branches} (as started by the project's script {@code startedByScript}, when
     * given) and null is returned.
     */
    private List<String> follow(SimpleScript parsed, String startedByScript) {
        if (!parsed.branches().isEmpty()) {
            readBranches(parsed, startedByScript);
            return null;
        }
        if (parsed.skipped() != null) {
            notes.add("drydock does not follow " + parsed.skipped() + " in the script; its final exec is read as the application");
        }
        List<ScriptCommand> commands = parsed.commands();
        int main = main(commands);
        if (main < 0) {
            return null;
        }
        for (int i = 0; i < commands.size(); i++) {
            List<String> words = commands.get(i).words();
            if (i == main || words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("cd") && i < main) {
                workdir = PathNames.normalizeAbsolute(workdir, words.size() > 1 ? words.get(1) : "~");
            } else if (!SHELL_STATE.contains(words.get(0))) {
                otherCommands.add(words);
            }
        }
        env.clear();
        env.putAll(commands.get(main).environment());
        return commands.get(main).words();
    }

    /**
     * The program of each way through the script, read on; a way that ends without one (a usage message and exit 1)
     * gives none.
     */
    private void readBranches(SimpleScript parsed, String startedByScript) {
        if (forks >= 3) {
            return;
        }
        notes.add("the script's final program depends on " + parsed.branches().stream().map(ScriptBranch::when)
                .filter(w -> !w.isEmpty()).distinct().count() + " condition(s) drydock cannot decide; each way is read"
                + " as a branch");
        for (ScriptBranch branch : parsed.branches()) {
            List<ScriptCommand> commands = branch.commands();
            int main = main(commands);
            if (main < 0 || isSetupOnly(commands.get(main).words())) {
                continue;
            }
            CommandReader way = fork();
            if (startedByScript != null) {
                way.wrappers.add(new Wrapper(base(startedByScript), List.of()));
                way.startedBy = abs(startedByScript);
            }
            List<String> next = way.follow(new SimpleScript(commands, List.of(), null, parsed.skipped(), List.of()));
            if (next != null) {
                branches.add(new EntryPoint.Branch(branch.when(), branch.development(), way.run(next)));
            }
        }
    }

    private static boolean isSetupOnly(List<String> words) {
        return SETUP.contains(words.get(0)) || isKeepAlive(words) || words.get(0).equals("exec") && words.size() == 1;
    }

    /**
     * The index of the command that is the application, or -1: the first command of the last
     * pipeline that is not shell bookkeeping or a setup step ({@code tail -f /dev/null} counts as
     * a keep-alive only when nothing else is left).
     */
    private static int main(List<ScriptCommand> commands) {
        int best = -1;
        int fallback = -1;
        for (int i = 0; i < commands.size(); i++) {
            ScriptCommand command = commands.get(i);
            if (command.pipelineStart() && !command.words().isEmpty()) {
                String first = command.words().get(0);
                if (!SHELL_STATE.contains(first)) {
                    if (SETUP.contains(first) || isKeepAlive(command.words())) {
                        fallback = i;
                    } else {
                        best = i;
                    }
                }
            }
        }
        return best >= 0 ? best : fallback;
    }

    private static boolean isKeepAlive(List<String> words) {
        return words.get(0).equals("tail") && words.contains("/dev/null")
                || words.get(0).equals("sleep") && words.size() > 1 && words.get(1).equals("infinity");
    }

    /** Returns the argv after a wrapper, or null when {@code name} is no wrapper. */
    private List<String> peel(String name, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        switch (name) {
            case "exec" -> {
                int i = 0;
                while (i < rest.size() && rest.get(i).startsWith("-")) {
                    i += rest.get(i).equals("-a") ? 2 : 1;
                }
                wrappers.add(new Wrapper("exec", rest.subList(0, Math.min(i, rest.size()))));
                return rest.subList(Math.min(i, rest.size()), rest.size());
            }
            case "env" -> {
                return envWrapper(rest);
            }
            case "cross-env" -> {
                // cross-env NODE_ENV=production node server.js: sets the variables, then runs the command as its child
                int i = 0;
                while (i < rest.size() && rest.get(i).indexOf('=') > 0 && !rest.get(i).startsWith("-")) {
                    env.put(rest.get(i).substring(0, rest.get(i).indexOf('=')),
                            rest.get(i).substring(rest.get(i).indexOf('=') + 1));
                    i++;
                }
                if (i == rest.size()) {
                    return null;
                }
                wrappers.add(new Wrapper("cross-env", rest.subList(0, i)));
                return rest.subList(i, rest.size());
            }
            case "tini", "tini-static", "catatonit" -> {
                return wrapped("tini".equals(name) || "tini-static".equals(name) ? "tini" : name, TINI, rest);
            }
            case "dumb-init" -> {
                return wrapped(name, DUMB_INIT, rest);
            }
            case "gosu", "su-exec", "s6-setuidgid", "setuidgid" -> {
                if (rest.isEmpty()) {
                    return null;
                }
                user = rest.get(0);
                wrappers.add(new Wrapper(name, List.of(rest.get(0))));
                return rest.subList(1, rest.size());
            }
            case "chpst" -> {
                OptionSpec.Parsed parsed = CHPST.parse(rest, true);
                if (parsed.options().containsKey("u")) {
                    user = parsed.options().get("u");
                }
                return wrapped(name, parsed, rest);
            }
            case "setpriv" -> {
                OptionSpec.Parsed parsed = SETPRIV.parse(rest, true);
                if (parsed.options().containsKey("reuid")) {
                    user = parsed.options().get("reuid");
                }
                return wrapped(name, parsed, rest);
            }
            case "runuser", "su" -> {
                OptionSpec.Parsed parsed = (name.equals("su") ? SU : RUNUSER).parse(rest, false);
                List<String> positionals = new ArrayList<>(parsed.positionals());
                String command = parsed.options().get("command");
                user = parsed.options().getOrDefault("user", positionals.isEmpty() ? "root" : positionals.remove(0));
                wrappers.add(new Wrapper(name, List.of(user)));
                if (command != null) {
                    return List.of("/bin/sh", "-c", command);
                }
                return parsed.sawDashes() ? parsed.afterDashes() : positionals;
            }
            case "sudo" -> {
                OptionSpec.Parsed parsed = SUDO.parse(rest, true);
                user = parsed.options().getOrDefault("user", "root");
                return wrapped(name, parsed, rest);
            }
            case "opentelemetry-instrument" -> {
                int i = 0;
                while (i < rest.size() && rest.get(i).startsWith("--")) {
                    i += rest.get(i).contains("=") ? 1 : 2;
                }
                i = Math.min(i, rest.size());
                wrappers.add(new Wrapper(name, rest.subList(0, i)));
                return rest.subList(i, rest.size());
            }
            case "ddtrace-run", "scout-apm" -> {
                wrappers.add(new Wrapper(name, List.of()));
                return rest;
            }
            case "newrelic-admin" -> {
                if (!rest.isEmpty() && (rest.get(0).equals("run-program") || rest.get(0).equals("run-python"))) {
                    wrappers.add(new Wrapper(name, List.of(rest.get(0))));
                    List<String> next = new ArrayList<>();
                    if (rest.get(0).equals("run-python")) {
                        next.add("python");
                    }
                    next.addAll(rest.subList(1, rest.size()));
                    return next;
                }
                return null;
            }
            case "bundle", "poetry", "pipenv", "pdm", "hatch", "rye" -> {
                String verb = name.equals("bundle") ? "exec" : "run";
                if (!rest.isEmpty() && rest.get(0).equals(verb)) {
                    wrappers.add(new Wrapper(name + " " + verb, List.of()));
                    return rest.subList(1, rest.size());
                }
                return null;
            }
            case "npx", "bunx" -> {
                OptionSpec.Parsed parsed = NPX.parse(rest, true);
                wrappers.add(new Wrapper(name, List.of()));
                if (parsed.options().containsKey("call")) {
                    return List.of("/bin/sh", "-c", parsed.options().get("call"));
                }
                List<String> next = new ArrayList<>(parsed.positionals());
                next.addAll(parsed.afterDashes());
                return next;
            }
            case "npm", "pnpm", "yarn" -> {
                if (!rest.isEmpty() && (rest.get(0).equals("exec") || rest.get(0).equals("x") || rest.get(0).equals("dlx"))) {
                    wrappers.add(new Wrapper(name + " " + rest.get(0), List.of()));
                    OptionSpec.Parsed parsed = NPX.parse(rest.subList(1, rest.size()), true);
                    List<String> next = new ArrayList<>(parsed.positionals());
                    next.addAll(parsed.afterDashes());
                    return next;
                }
                return null;
            }
            case "uv" -> {
                if (rest.isEmpty() || !rest.get(0).equals("run")) {
                    return null;
                }
                OptionSpec.Parsed parsed = UV_RUN.parse(rest.subList(1, rest.size()), true);
                List<String> next = new ArrayList<>(parsed.positionals());
                next.addAll(parsed.afterDashes());
                int program = rest.size() - next.size() - (parsed.sawDashes() ? 1 : 0);
                wrappers.add(new Wrapper("uv run", rest.subList(1, Math.max(1, program))));
                if (parsed.options().containsKey("module") && !next.isEmpty()) {
                    next.add(0, "-m");
                    next.add(0, "python");
                } else if (!next.isEmpty() && next.get(0).endsWith(".py")) {
                    next.add(0, "python");
                }
                return next;
            }
            case "dockerize" -> {
                return wrapped(name, DOCKERIZE, rest);
            }
            case Thruster.NAME -> {
                return rest.isEmpty() ? null : thruster(rest);
            }
            default -> {
                if (name.startsWith("wait-for")) {
                    if (isScript(argv.get(0)) || argv.get(0).contains("/")) {
                        scripts.add(located(argv.get(0))); // a project script copied into the image
                    }
                    int dashes = rest.indexOf("--");
                    wrappers.add(new Wrapper(name, dashes < 0 ? rest : rest.subList(0, dashes)));
                    return dashes < 0 ? List.of() : rest.subList(dashes + 1, rest.size());
                }
                return null;
            }
        }
    }

    /** Thruster: the rest of its arguments are its upstream command, started with PORT set to its target port. */
    List<String> thruster(List<String> upstream) {
        wrappers.add(new Wrapper(Thruster.NAME, List.of()));
        env.put("PORT", String.valueOf(Thruster.targetPort(env)));
        return upstream;
    }

    private List<String> wrapped(String name, OptionSpec spec, List<String> rest) {
        return wrapped(name, spec.parse(rest, true), rest);
    }

    private List<String> wrapped(String name, OptionSpec.Parsed parsed, List<String> rest) {
        List<String> next = new ArrayList<>(parsed.positionals());
        next.addAll(parsed.afterDashes());
        wrappers.add(new Wrapper(name, rest.subList(0, rest.size() - next.size())));
        return next;
    }

    /** {@code env [-i] [-u NAME] [-C dir] [-S string] [NAME=VALUE]... command}. */
    private List<String> envWrapper(List<String> rest) {
        int i = 0;
        List<String> prefix = new ArrayList<>();
        while (i < rest.size()) {
            String arg = rest.get(i);
            if (arg.equals("-i") || arg.equals("--ignore-environment") || arg.equals("-")) {
                env.clear();
            } else if (arg.equals("-u") || arg.equals("--unset")) {
                if (i + 1 < rest.size()) {
                    env.remove(rest.get(++i));
                }
            } else if (arg.startsWith("--unset=")) {
                env.remove(arg.substring("--unset=".length()));
            } else if (arg.equals("-C") || arg.equals("--chdir")) {
                if (i + 1 < rest.size()) {
                    workdir = abs(rest.get(++i));
                }
            } else if (arg.equals("-S") || arg.equals("--split-string")) {
                if (i + 1 < rest.size()) {
                    prefix.addAll(ShellWords.split(rest.get(++i)));
                }
            } else if (arg.startsWith("-S") || arg.startsWith("--split-string=")) {
                prefix.addAll(ShellWords.split(arg.substring(arg.startsWith("-S") ? 2 : "--split-string=".length())));
            } else if (arg.equals("--")) {
                i++;
                break;
            } else if (arg.startsWith("-")) {
                // -0, -v, --debug: no effect on the command
            } else if (arg.indexOf('=') > 0) {
                env.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                break;
            }
            i++;
        }
        wrappers.add(new Wrapper("env", rest.subList(0, Math.min(i, rest.size()))));
        List<String> next = new ArrayList<>(prefix);
        next.addAll(rest.subList(Math.min(i, rest.size()), rest.size()));
        return next;
    }

    /** A program word that is a command substitution kept as written ({@code exec $(which gunicorn) app:app}). */
    private static boolean substituted(String program) {
        return program.contains("$(") || program.contains("`");
    }

    /**
     * A program named by its path whose project copy is a shell script by its {@code #!} line, though its name does not
     * say so: Rails' {@code bin/dev}, the {@code bin/server} of a Mix release's {@code rel/overlays}, a
     * {@code ./scripts/start}.
     */
    private boolean projectShellScript(String program) {
        return program.contains("/") && scriptFiles.find(abs(program)).filter(ScriptArguments::isShellScript).isPresent();
    }

    /**
     * A bare program name under which a COPY put a shell script of the project into a folder of PATH
     * ({@code COPY start-app /usr/local/bin/} with {@code CMD ["start-app"]}).
     */
    private boolean scriptOnPath(String program) {
        if (program.contains("/")) {
            return false;
        }
        String path = located(program);
        return !path.equals(abs(program)) && scriptFiles.find(path).filter(ScriptArguments::isShellScript).isPresent();
    }

    /**
     * Where the container finds a program: a path made absolute against the working directory; a bare name in the
     * first folder of PATH a COPY put a project file of that name into, else (not found) against the working directory.
     */
    String located(String program) {
        if (program.contains("/")) {
            return abs(program);
        }
        for (String candidate : SearchPath.candidates(workdir, program, env.get("PATH"))) {
            if (scriptFiles.find(candidate).isPresent()) {
                return candidate;
            }
        }
        return abs(program);
    }

    private static boolean isScript(String program) {
        String name = base(program).toLowerCase(Locale.ROOT);
        return name.endsWith(".sh") || name.endsWith(".bash") || name.contains("entrypoint");
    }

    /**
     * An entry-point script: the command after "--" (wait-for-it style), or its arguments when they look like a
     * command and the script runs them ({@code exec "$@"}) or may (assumed, noted); when the project's copy of the
     * script never reads them, the program it starts itself. Null when none of these.
     */
    private List<String> script(String written, List<String> rest) {
        String path = located(written);
        scripts.add(path);
        int dashes = rest.indexOf("--");
        if (dashes >= 0 && dashes + 1 < rest.size()) {
            wrappers.add(new Wrapper(base(path), rest.subList(0, dashes)));
            return rest.subList(dashes + 1, rest.size());
        }
        if (rest.isEmpty()) {
            return startedWithoutArguments(path);
        }
        if (!looksLikeCommand(rest.get(0))) {
            return chosenByArguments(path, rest);
        }
        Optional<ShellScript> file = shellScript(path);
        ArgumentUse use = file.map(ScriptArguments::use).orElse(ArgumentUse.UNKNOWN);
        if (use == ArgumentUse.IGNORES) {
            List<String> own = ownStart(path, file.get(), rest);
            if (own != null) {
                wrappers.add(new Wrapper(base(path), List.of()));
                commandIgnoredBy = abs(path);
                startedBy = abs(path);
            }
            return own;
        }
        wrappers.add(new Wrapper(base(path), List.of()));
        if (use != ArgumentUse.HANDS_ON) {
            notes.add(written + " is assumed to end with exec \"$@\" (its arguments are read as the command)");
        }
        return rest;
    }

    /** The project's copy of a script a POSIX-like shell runs, parsed once for the review; empty when none is found. */
    private Optional<ShellScript> shellScript(String path) {
        return scriptFiles.find(abs(path)).filter(ScriptArguments::isShellScript)
                .flatMap(file -> scriptFiles.parsed(abs(path)));
    }

    /**
     * A script of the project run with no arguments that never reads any ({@code CMD ["/start.sh"]}): the program it
     * starts itself is the application; null when the script is not found, reads arguments, or can't be split.
     */
    private List<String> startedWithoutArguments(String path) {
        Optional<ShellScript> file = shellScript(path);
        ArgumentUse use = file.map(ScriptArguments::use).orElse(ArgumentUse.UNKNOWN);
        return use == ArgumentUse.IGNORES || use == ArgumentUse.READS ? ownProgram(path, file.get(), List.of()) : null;
    }

    /**
     * A script of the project given arguments that are no command ({@code CMD ["web"]}), which it reads
     * ({@code case "$1" in web) exec gunicorn ...}): the program it starts with them; null when the script is not
     * found or can't be split.
     */
    private List<String> chosenByArguments(String path, List<String> arguments) {
        Optional<ShellScript> file = shellScript(path);
        ArgumentUse use = file.map(ScriptArguments::use).orElse(ArgumentUse.UNKNOWN);
        return use == ArgumentUse.READS || use == ArgumentUse.HANDS_ON ? ownProgram(path, file.get(), arguments) : null;
    }

    /**
     * The program a project's script starts, read as {@code sh -c} would read it with these arguments; null, with the
     * ways it may go in {@link #branches} when they can't be told apart, when it has none.
     */
    private List<String> ownProgram(String path, ShellScript file, List<String> arguments) {
        List<String> positional = new ArrayList<>();
        positional.add(path);
        positional.addAll(arguments);
        SimpleScript parsed = SimpleScript.read(file, env, positional, workdir, scriptFiles);
        List<String> own = parsed.supported() ? follow(parsed, path) : null;
        if (own != null) {
            unresolved.addAll(parsed.unresolved());
            wrappers.add(new Wrapper(base(path), List.of()));
            startedBy = abs(path);
        }
        return own;
    }

    /**
     * A script that never reads its arguments: they never run, and the program it starts itself is the application,
     * read as {@code sh -c} would read the script; null when the script can't be split into its commands.
     */
    private List<String> ownStart(String path, ShellScript file, List<String> ignored) {
        SimpleScript parsed = SimpleScript.read(file, env, List.of(path), workdir, scriptFiles);
        List<String> own = parsed.supported() ? follow(parsed, path) : null;
        if (own != null) {
            unresolved.addAll(parsed.unresolved());
        }
        notes.add(path + " never reads its arguments, so `" + String.join(" ", ignored) + "` does not run"
                + (own != null ? "; the program the script starts is read as the application" : ""));
        return own;
    }

    private static boolean looksLikeCommand(String word) {
        String name = base(word);
        return word.contains("/") || KNOWN_PROGRAMS.contains(name) || SHELLS.contains(name)
                || PYTHON.matcher(name).matches() || PHP_FPM.matcher(name).matches();
    }

    /** The program at the end of the wrappers, by its name. */
    EntryPoint recognize(String name, List<String> argv) {
        List<String> rest = argv.subList(1, argv.size());
        if (PYTHON.matcher(name).matches()) {
            return PythonCommands.python(this, argv);
        }
        if (PHP_FPM.matcher(name).matches()) {
            return PhpCommands.phpFpm(this, argv);
        }
        return switch (name) {
            case "gunicorn" -> PythonCommands.gunicorn(this, argv);
            case "uvicorn" -> PythonCommands.uvicorn(this, argv);
            case "hypercorn" -> PythonCommands.pythonServer(this, Runtime.HYPERCORN, PythonCommands.HYPERCORN, argv, "app");
            case "waitress-serve" -> PythonCommands.pythonServer(this, Runtime.WAITRESS, PythonCommands.WAITRESS, argv, null);
            case "daphne" -> PythonCommands.pythonServer(this, Runtime.DAPHNE, PythonCommands.DAPHNE, argv, null);
            case "granian" -> PythonCommands.granian(this, argv);
            case "flask" -> PythonCommands.flask(this, argv);
            case "django-admin", "django-admin.py" -> PythonCommands.django(this, argv, null, rest);
            case "manage.py" -> PythonCommands.django(this, argv, argv.get(0), rest);
            case "fastapi" -> PythonCommands.fastapi(this, argv);
            case "streamlit" -> PythonCommands.streamlit(this, argv);
            case "gradio" -> PythonCommands.gradio(this, argv);
            case "celery" -> PythonCommands.celery(this, argv);
            case "node", "nodejs" -> NodeCommands.node(this, argv);
            case "npm" -> NodeCommands.npm(this, argv);
            case "yarn" -> NodeCommands.yarn(this, argv);
            case "pnpm" -> NodeCommands.pnpm(this, argv);
            case "bun" -> NodeCommands.bun(this, argv);
            case "deno" -> DenoCommands.deno(this, argv);
            case "nodemon" -> NodeCommands.nodemon(this, argv);
            case "ts-node", "ts-node-dev", "tsx" -> NodeCommands.tsNode(this, name, argv);
            case "next", "vite", "ng", "react-scripts", "vue-cli-service" -> NodeCommands.frameworkServer(this, name, argv);
            case "serve" -> NodeCommands.serve(this, argv);
            case "pm2-runtime", "pm2", "pm2-docker" -> NodeCommands.pm2(this, argv);
            case "java" -> JvmCommands.java(this, argv);
            case "mvn", "mvnw" -> JvmCommands.maven(this, argv);
            case "gradle", "gradlew" -> JvmCommands.gradle(this, argv);
            case "go" -> SystemCommands.go(this, argv);
            case "air", "CompileDaemon", "gow" -> done(Runtime.GO_WATCH, Target.NONE, Map.of(), argv);
            case "dotnet" -> SystemCommands.dotnet(this, argv);
            case "cargo" -> SystemCommands.cargo(this, argv);
            case "mix" -> SystemCommands.mix(this, argv);
            case "elixir", "iex" -> SystemCommands.elixir(this, argv);
            case "rails" -> RubyCommands.rails(this, argv);
            case "puma" -> RubyCommands.rackServer(this, Runtime.PUMA, RubyCommands.PUMA, argv);
            case "rackup" -> RubyCommands.rackServer(this, Runtime.RACKUP, RubyCommands.RACKUP, argv);
            case "unicorn", "unicorn_rails" -> RubyCommands.rackServer(this, Runtime.UNICORN, RubyCommands.UNICORN, argv);
            case "ruby" -> RubyCommands.ruby(this, argv);
            case "php" -> PhpCommands.php(this, argv);
            case "frankenphp" -> PhpCommands.frankenphp(this, argv);
            case "rr" -> rest.contains("serve") ? PhpCommands.roadRunner(this, argv)
                    : done(Runtime.BINARY, binary(argv.get(0)), Map.of(), argv);
            case "nginx" -> SystemCommands.configured(this, Runtime.NGINX, SystemCommands.NGINX, argv, "c");
            case "httpd-foreground", "apache2-foreground", "httpd", "apache2", "apachectl", "apache2ctl" ->
                    SystemCommands.configured(this, Runtime.APACHE, SystemCommands.APACHE, argv, "f");
            case "caddy" -> SystemCommands.caddy(this, argv);
            case "supervisord" -> SystemCommands.configured(this, Runtime.SUPERVISORD, SystemCommands.SUPERVISORD, argv, "configuration");
            default -> name.endsWith(".py") ? pythonScript(argv)
                    : BuildOutputs.releaseStart(argv.get(0), rest)
                            ? done(Runtime.ELIXIR_RELEASE, binary(argv.get(0)), BuildOutputs.releaseOptions(env), argv)
                            : done(Runtime.BINARY, binary(argv.get(0)), Map.of(), argv);
        };
    }

    /** A Python file run as a program ({@code ./server.py}): its shebang names the interpreter that runs it. */
    private EntryPoint pythonScript(List<String> argv) {
        List<String> withInterpreter = new ArrayList<>(argv.size() + 1);
        withInterpreter.add("python");
        withInterpreter.addAll(argv);
        return PythonCommands.python(this, withInterpreter);
    }

    Target binary(String program) {
        return Target.file(program, program.contains("/") ? abs(program) : null);
    }

    // ---- helpers ----

    void fromEnv(Map<String, String> options, String variable, String option) {
        String value = env.get(variable);
        if (value != null && !value.isEmpty()) {
            options.put(option, value);
        }
    }

    void fromEnvIfAbsent(Map<String, String> options, String variable, String option) {
        if (!options.containsKey(option)) {
            fromEnv(options, variable, option);
        }
    }

    /** Options a click-based CLI reads from PREFIX_NAME variables ({@code UVICORN_PORT}, {@code FLASK_RUN_HOST}). */
    void prefixedEnv(Map<String, String> options, String prefix, OptionSpec spec) {
        for (Map.Entry<String, String> variable : env.entrySet()) {
            if (!variable.getKey().startsWith(prefix)) {
                continue;
            }
            String name = variable.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
            OptionSpec.Option option = spec.lookup("--" + name);
            if (option != null) {
                options.put(option.canonical(), option.takesValue() ? variable.getValue() : truthy(variable.getValue()) ? "true" : "false");
            }
        }
    }

    static boolean truthy(String value) {
        return Set.of("1", "true", "yes", "on", "y", "t").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isEmpty()) {
            return List.of();
        }
        return List.of(commaSeparated.split(","));
    }

    String abs(String path) {
        return PathNames.normalizeAbsolute(workdir, path);
    }

    static String base(String program) {
        return PathNames.fileName(program);
    }

    EntryPoint done(Runtime runtime, Target target, Map<String, String> options, List<String> args) {
        List<String> files = target.path() != null && (target.kind() == Target.Kind.FILE || target.kind() == Target.Kind.CONFIG)
                ? List.of(target.path()) : List.of();
        return done(runtime, target, options, args, List.of(), files);
    }

    EntryPoint done(Runtime runtime, Target target, Map<String, String> options, List<String> args,
            List<String> searchPath, List<String> targetFiles) {
        return new EntryPoint(runtime, target, options, interpreter, args, searchPath, targetFiles, workdir, env,
                user, wrappers, scripts, otherCommands, shellScript, unresolved.stream().distinct().toList(), notes,
                commandIgnoredBy, startedBy, branches);
    }
}
