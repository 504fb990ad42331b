package dev.drydock.core.rules.support;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a server program, started with given arguments, stays in the foreground or forks into the background and
 * returns: nginx without {@code daemon off}, {@code gunicorn -D}, {@code php-fpm -D}, {@code redis-server --daemonize
 * yes}, cron and crond without {@code -f}, {@code pm2 start} (pm2-runtime and {@code --no-daemon} stay),
 * {@code puma -d} before puma 5, {@code service x start} and
 * {@code /etc/init.d/x start}, which run an init script that starts the daemon and exits.
 */
public final class ServerModes {

    private ServerModes() {}

    /**
     * How a started server behaves: it keeps its caller waiting, forks away from it, either by its configuration, or
     * refuses to start, given a daemon option that its current versions removed ({@code puma -d} since puma 5, which
     * fails with "invalid option: -d"; puma 4 and earlier forked into the background).
     */
    public enum Mode { FOREGROUND, BACKGROUND, CONFIGURED, REMOVED_DAEMON_OPTION }

    /** Options of php-fpm and Apache that list modules, settings or virtual hosts and exit. */
    private static final Set<String> LISTINGS = Set.of("-m", "-i", "-M", "-S", "-l", "-L");

    public static final Pattern PHP_FPM = Pattern.compile("php-?fpm[\\d.]*");

    /**
     * How the program (as written, a path or a name) started with these arguments runs, or null when it starts no
     * server drydock knows.
     */
    public static Mode of(String program, List<String> args) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        if ((PHP_FPM.matcher(name).matches() || Set.of("httpd", "apache2").contains(name))
                && args.stream().anyMatch(LISTINGS::contains)) {
            return null;
        }
        if (PHP_FPM.matcher(name).matches()) {
            return has(args, "-D", "--daemonize") ? Mode.BACKGROUND
                    : has(args, "-F", "--nodaemonize") ? Mode.FOREGROUND
                    : Mode.CONFIGURED;
        }
        if (program.startsWith("/etc/init.d/")) {
            return !args.isEmpty() && args.get(0).equals("start") ? Mode.BACKGROUND : null;
        }
        return switch (name) {
            case "nginx" -> args.stream().anyMatch(a -> a.replace(" ", "").contains("daemonoff"))
                    ? Mode.FOREGROUND : Mode.BACKGROUND;
            case "httpd", "apache2" -> has(args, "-DFOREGROUND", "-X") || adjacent(args, "-D", "FOREGROUND")
                    ? Mode.FOREGROUND : Mode.BACKGROUND;
            case "apachectl", "apache2ctl" -> has(args, "-DFOREGROUND") || adjacent(args, "-D", "FOREGROUND")
                    ? Mode.FOREGROUND : has(args, "start") ? Mode.BACKGROUND : null;
            case "sshd" -> has(args, "-D") ? Mode.FOREGROUND : Mode.BACKGROUND;
            // Debian's cron stays with -f and runs its jobs once with -N; BusyBox's crond stays with -f, cronie's
            // with -n; BusyBox's -d (log to stderr) is left alone
            case "cron" -> has(args, "-N") ? null : has(args, "-f") ? Mode.FOREGROUND : Mode.BACKGROUND;
            case "crond" -> has(args, "-d") ? null : has(args, "-f", "-n") ? Mode.FOREGROUND : Mode.BACKGROUND;
            case "mongod" -> has(args, "--fork") ? Mode.BACKGROUND : Mode.FOREGROUND;
            case "memcached" -> has(args, "-d") ? Mode.BACKGROUND : Mode.FOREGROUND;
            case "gunicorn", "unicorn" -> has(args, "-D", "--daemon") ? Mode.BACKGROUND : Mode.FOREGROUND;
            case "puma" -> has(args, "-d", "--daemon") ? Mode.REMOVED_DAEMON_OPTION : Mode.FOREGROUND;
            case "redis-server" -> adjacent(args, "--daemonize", "yes") ? Mode.BACKGROUND
                    : args.stream().anyMatch(a -> a.endsWith(".conf")) ? Mode.CONFIGURED : Mode.FOREGROUND;
            case "mysqld", "mariadbd", "mysqld_safe", "postgres", "uvicorn", "hypercorn", "daphne", "waitress-serve",
                    "pm2-runtime", "pm2-docker" -> Mode.FOREGROUND;
            case "pm2" -> !args.isEmpty() && Set.of("start", "restart", "reload", "startOrRestart").contains(args.get(0))
                    ? has(args, "--no-daemon") ? Mode.FOREGROUND : Mode.BACKGROUND : null;
            case "service" -> args.size() >= 2 && args.get(1).equals("start") ? Mode.BACKGROUND : null;
            case "rails" -> !args.isEmpty() && Set.of("server", "s").contains(args.get(0))
                    ? has(args, "-d", "--daemon") ? Mode.BACKGROUND : Mode.FOREGROUND : null;
            case "flask" -> !args.isEmpty() && args.get(0).equals("run") ? Mode.FOREGROUND : null;
            // ray start launches Ray's node processes and returns unless told --block
            case "ray" -> !args.isEmpty() && args.get(0).equals("start") && !has(args, "--help", "-h")
                    ? has(args, "--block") ? Mode.FOREGROUND : Mode.BACKGROUND : null;
            case "torchserve" -> has(args, "--stop", "--version", "-v", "--help", "-h") ? null
                    : has(args, "--foreground") ? Mode.FOREGROUND : Mode.BACKGROUND;
            case "npm", "yarn", "pnpm" -> !args.isEmpty() && args.get(0).equals("start")
                    || args.size() >= 2 && args.get(0).equals("run") && args.get(1).equals("start") ? Mode.FOREGROUND : null;
            case "php" -> has(args, "-S") || adjacent(args, "artisan", "serve") ? Mode.FOREGROUND : null;
            default -> null;
        };
    }

    public static boolean has(List<String> args, String... options) {
        for (String option : options) {
            if (args.contains(option)) {
                return true;
            }
        }
        return false;
    }

    public static boolean adjacent(List<String> args, String first, String second) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(first) && args.get(i + 1).equals(second)) {
                return true;
            }
        }
        return false;
    }
}
