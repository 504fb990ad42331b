package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command that runs a daemon in the foreground in place of one that starts it in the background, where it is
 * the same server exactly: nginx with {@code -g 'daemon off;'}, php-fpm with {@code -F} for {@code -D}, sshd with
 * {@code -D}, httpd with {@code -DFOREGROUND}, redis-server without {@code --daemonize yes}, gunicorn and unicorn
 * without {@code -D}, Debian's cron with {@code -f} and BusyBox's crond with {@code -f}; and for an init script
 * ({@code service NAME start}, {@code /etc/init.d/NAME start}, {@code apachectl start}), the program it starts:
 * Apache as the image's own launcher (the php image's apache2-foreground, the httpd image's httpd-foreground),
 * Debian's {@code apache2ctl -D FOREGROUND} (apache2 alone lacks the settings of /etc/apache2/envvars) or
 * {@code httpd -DFOREGROUND} elsewhere, Debian's php-fpm under its versioned name ({@code php8.2-fpm} runs
 * {@code php-fpm8.2}), supervisord with Debian's configuration, and sshd where the image makes its privilege
 * separation directory (Debian's ssh init script makes /run/sshd, which sshd -D refuses to start without).
 */
public final class ForegroundCommands {

    private ForegroundCommands() {}

    private static final Pattern DEBIAN_PHP_FPM = Pattern.compile("php(\\d+(?:\\.\\d+)?)-fpm");
    private static final Set<String> APACHE_LAUNCHERS = Set.of("apache2-foreground", "httpd-foreground");

    /** The foreground command for {@code program args}, a daemon started in the background, or empty. */
    public static Optional<List<String>> of(Container c, String program, List<String> args) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        if (program.startsWith("/etc/init.d/")) {
            return args.equals(List.of("start")) ? service(c, name) : Optional.empty();
        }
        if (ServerModes.PHP_FPM.matcher(name).matches()) {
            return Optional.of(replaced(program, args, Set.of("-D", "--daemonize"), "-F"));
        }
        return switch (name) {
            case "service" -> args.size() == 2 && args.get(1).equals("start") ? service(c, args.get(0))
                    : Optional.empty();
            case "apachectl", "apache2ctl" -> args.equals(List.of("start")) || args.equals(List.of("-k", "start"))
                    ? apache(c) : Optional.empty();
            case "nginx" -> args.stream().anyMatch(a -> a.equals("-g") || a.startsWith("-g"))
                    ? Optional.empty() : Optional.of(with(program, args, "-g", "daemon off;"));
            case "httpd" -> args.contains("-k") ? Optional.empty() : Optional.of(with(program, args, "-DFOREGROUND"));
            case "sshd" -> Optional.of(with(program, args, "-D"));
            case "ray" -> !args.isEmpty() && args.get(0).equals("start") ? Optional.of(with(program, args, "--block"))
                    : Optional.empty();
            case "redis-server" -> Optional.of(withoutPair(program, args, "--daemonize", "yes"));
            case "gunicorn", "unicorn" -> Optional.of(replaced(program, args, Set.of("-D", "--daemon"), null));
            case "cron" -> "apt".equals(packageManager(c)) ? Optional.of(with(program, args, "-f")) : Optional.empty();
            case "crond" -> "apk".equals(packageManager(c)) ? Optional.of(with(program, args, "-f")) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The program that the init script of the service runs, in the foreground. */
    private static Optional<List<String>> service(Container c, String service) {
        Matcher debianFpm = DEBIAN_PHP_FPM.matcher(service);
        if (debianFpm.matches()) {
            return Optional.of(List.of("php-fpm" + debianFpm.group(1), "-F"));
        }
        String pm = packageManager(c);
        return switch (service) {
            case "nginx" -> Optional.of(List.of("nginx", "-g", "daemon off;"));
            case "apache2", "httpd" -> apache(c);
            case "php-fpm" -> Optional.of(List.of("php-fpm", "-F"));
            case "ssh", "sshd" -> makesPrivilegeSeparationDirectory(c)
                    ? Optional.of(List.of("/usr/sbin/sshd", "-D")) : Optional.empty();
            case "cron" -> "apt".equals(pm) ? Optional.of(List.of("cron", "-f")) : Optional.empty();
            case "supervisor" -> "apt".equals(pm)
                    ? Optional.of(List.of("supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Apache in the foreground, as the image starts it. */
    private static Optional<List<String>> apache(Container c) {
        Optional<String> launcher = rootBase(c).flatMap(BaseImageFacts::defaultCommand)
                .filter(APACHE_LAUNCHERS::contains);
        if (launcher.isPresent()) {
            return Optional.of(List.of(launcher.get()));
        }
        String pm = packageManager(c);
        return "apt".equals(pm) ? Optional.of(List.of("apache2ctl", "-D", "FOREGROUND"))
                : "rpm".equals(pm) || "apk".equals(pm) ? Optional.of(List.of("httpd", "-DFOREGROUND"))
                : Optional.empty();
    }

    /**
     * How the image installs packages ({@code apt}, {@code apk}, {@code rpm}): its base image's manager where drydock
     * knows it, else the one its own RUN instructions install with; null when neither tells.
     */
    private static String packageManager(Container c) {
        Optional<String> base = rootBase(c).flatMap(BaseImageFacts::tools)
                .map(BaseImageFacts.ImageTools::packageManager);
        if (base.isPresent()) {
            return base.get();
        }
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return null;
        }
        for (RunStep run : RunStep.of(c.build().model(), Stages.inImage(c.build().model(), c.build().stage()))) {
            for (Call call : run.calls()) {
                Optional<PackageCommands.Operation> op = PackageCommands.install(call);
                if (op.isPresent()) {
                    return switch (op.get().manager()) {
                        case APT -> "apt";
                        case APK -> "apk";
                        case RPM -> "rpm";
                        case ZYPPER -> "zypper";
                    };
                }
            }
        }
        return null;
    }

    private static Optional<BaseImage> rootBase(Container c) {
        return c.build() == null || c.build().model() == null || c.build().stage() == null ? Optional.empty()
                : Optional.ofNullable(Stages.rootBase(c.build().model(), c.build().stage()));
    }

    /** Whether a RUN of the image makes /run/sshd (or /var/run/sshd), which sshd needs and its init script makes. */
    private static boolean makesPrivilegeSeparationDirectory(Container c) {
        return c.build() != null && c.build().stage() != null && c.build().model() != null
                && Stages.inImage(c.build().model(), c.build().stage()).stream()
                        .flatMap(s -> s.steps().stream())
                        .anyMatch(s -> s.instruction().rawText().matches("(?s).*\\bmkdir\\b.*/run/sshd\\b.*"));
    }

    private static List<String> with(String program, List<String> args, String... added) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(args);
        argv.addAll(List.of(added));
        return List.copyOf(argv);
    }

    /** The command with each of {@code options} replaced by {@code replacement} (dropped when it is null). */
    private static List<String> replaced(String program, List<String> args, Set<String> options, String replacement) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        for (String arg : args) {
            if (!options.contains(arg)) {
                argv.add(arg);
            } else if (replacement != null && !argv.contains(replacement)) {
                argv.add(replacement);
            }
        }
        return List.copyOf(argv);
    }

    private static List<String> withoutPair(String program, List<String> args, String option, String value) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size() && args.get(i + 1).equals(value)) {
                i++;
            } else {
                argv.add(args.get(i));
            }
        }
        return List.copyOf(argv);
    }
}
