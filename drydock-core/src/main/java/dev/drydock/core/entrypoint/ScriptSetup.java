package dev.drydock.core.entrypoint;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What tells setup steps in a start script from the program it runs: the commands of a branch that runs before the
 * script's last command ({@code if [ "$MIGRATE" != false ]; then prisma migrate deploy; fi}), and an {@code exit} that
 * stops the script with a failure.
 */
final class ScriptSetup {

    private ScriptSetup() {}

    /** Programs that serve or wait for good, or may: an interpreter running a file may be the server itself. */
    private static final Set<String> MAY_RUN_FOR_GOOD = Set.of(
            "gunicorn", "uvicorn", "hypercorn", "waitress-serve", "daphne", "granian", "streamlit", "gradio", "celery",
            "node", "nodejs", "bun", "deno", "nodemon", "ts-node", "ts-node-dev", "tsx", "next", "vite", "serve", "pm2",
            "pm2-runtime", "java", "dotnet", "ruby", "puma", "rackup", "unicorn", "sidekiq", "php", "frankenphp", "rr",
            "nginx", "httpd-foreground", "apache2-foreground", "httpd", "apache2", "apachectl", "apache2ctl", "caddy",
            "supervisord", "cron", "crond", "thrust", "postgres", "mysqld", "mariadbd", "mongod", "redis-server",
            "memcached", "rabbitmq-server", "haproxy", "traefik", "envoy", "tail", "wait");
    private static final Pattern INTERPRETER = Pattern.compile("(python|pypy)(\\d+(\\.\\d+)*)?|php-?fpm[\\d.]*");
    /** Sub-commands of a framework or package manager that start a server. */
    private static final Set<String> SERVING = Set.of("run", "start", "dev", "serve", "server", "s", "preview",
            "runserver", "phx.server", "octane:start");
    /** Commands that change what the commands after them mean. */
    private static final Set<String> CHANGES_WHAT_FOLLOWS = Set.of("cd", "pushd", "popd", ".", "source", "shift",
            "alias", "hash", "exec");

    /** Whether {@code exit ...} stops the script with a failure: a non-zero status, or one only known where it runs. */
    static boolean failingExit(List<String> words) {
        return words.size() == 2 && words.get(0).equals("exit")
                && (words.get(1).matches("0*[1-9]\\d{0,2}") || words.get(1).startsWith("$"));
    }

    /**
     * Whether a branch's commands are setup the script goes on from: none may run for good in the foreground, and
     * none changes the directory, the positional parameters, the shell's options or what a program name runs.
     */
    static boolean onlySetup(List<ScriptCommand> commands) {
        for (ScriptCommand command : commands) {
            List<String> words = command.words();
            if (words.isEmpty()) {
                continue;
            }
            if (CHANGES_WHAT_FOLLOWS.contains(words.get(0))
                    || !command.command().background() && command.pipelineStart() && mayRunForGood(words)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a command may be a server or a wait that does not end: one drydock can't tell from setup. */
    static boolean mayRunForGood(List<String> words) {
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        if (MAY_RUN_FOR_GOOD.contains(program) || INTERPRETER.matcher(program).matches()) {
            return true;
        }
        return switch (program) {
            case "npm", "yarn", "pnpm", "npx", "flask", "rails", "mix", "artisan", "sleep" ->
                    words.stream().skip(1).anyMatch(w -> SERVING.contains(w) || w.equals("infinity"));
            default -> program.contains("$"); // a program named by a variable drydock can't know
        };
    }
}
