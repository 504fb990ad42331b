package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ServerModes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "main-process-daemonizes",
        title = "The container's main process puts itself in the background and returns",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The program the container's command finally runs (compose command/entrypoint over the target stage's"
                + " CMD/ENTRYPOINT, through sh -c, exec, init and privilege-dropping wrappers and entry-point scripts"
                + " assumed to end with exec \"$@\"), when it daemonizes: pm2 start (not pm2-runtime or --no-daemon),"
                + " gunicorn -D/--daemon, unicorn -D, puma -d, rails server -d, php-fpm -D/--daemonize,"
                + " redis-server --daemonize yes, mongod --fork, memcached -d, sshd without -D, httpd/apache2 without"
                + " -DFOREGROUND, apachectl start, service NAME start and /etc/init.d/NAME start, and nginx without"
                + " daemon off (neither in -g nor in a RUN or a .conf file the image copies). A shell command that"
                + " starts a daemon and then keeps something else in the foreground (service nginx start && tail -f"
                + " log) is left alone: the container stays up, though nothing then notices when the daemon dies.",
        problem = "A container lives as long as its main process. A program that forks into the background returns at"
                + " once, so PID 1 exits and the container stops with it, or restarts in a loop under a restart"
                + " policy; the daemon it left behind is killed with the container.",
        impact = "The service never stays up (the container exits right after starting, with exit code 0 and no"
                + " error), and under restart: always it restarts forever.",
        recommendation = "Start the program in the foreground: pm2-runtime instead of pm2 start, gunicorn without -D,"
                + " php-fpm -F, redis-server without --daemonize yes, nginx -g 'daemon off;', httpd -DFOREGROUND,"
                + " sshd -D, the server's own binary instead of service NAME start.",
        references = {
                "https://docs.docker.com/engine/containers/multi-service_container/",
                "https://pm2.keymetrics.io/docs/usage/docker-pm2-nodejs/",
                "https://docs.gunicorn.org/en/stable/settings.html#daemon",
                "https://nginx.org/en/docs/ngx_core_module.html#daemon",
                "https://www.php.net/manual/en/install.fpm.configuration.php"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        RUN npm install -g pm2@5.4.2
                        WORKDIR /app
                        COPY . .
                        CMD ["pm2", "start", "server.js"]
                        """,
                good = """
                        FROM node:22.11.0-slim
                        RUN npm install -g pm2@5.4.2
                        WORKDIR /app
                        COPY . .
                        CMD ["pm2-runtime", "start", "server.js"]
                        """))
public final class MainProcessDaemonizes implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<Origin> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            EffectiveCommand command = c.command();
            EntryPoint ep = c.entryPoint();
            if (command == null || command.isEmpty() || ep == null || ep.args().isEmpty()) {
                continue;
            }
            String program = ep.args().get(0);
            List<String> args = ep.args().subList(1, ep.args().size());
            if (ServerModes.of(program, args) != ServerModes.Mode.BACKGROUND) {
                continue;
            }
            String name = PathNames.fileName(program);
            if (name.equals("nginx") && foregroundByConfiguration(context, c)) {
                continue;
            }
            Origin at = command.cmdOrigin() != null && command.cmd().stream().anyMatch(w -> w.contains(name))
                    ? command.cmdOrigin() : command.origin();
            if (at == null || !reported.add(at)) {
                continue;
            }
            String written = String.join(" ", ep.args());
            context.finding(this, at, "`" + written + "` " + how(name) + " and returns at once: it is the container's"
                            + " main process, so the container exits as soon as it has started the daemon (or restarts"
                            + " in a loop under a restart policy)" + notes(ep))
                    .recommendation(recommendation(name, ep.args()))
                    .add();
        }
    }

    private static String how(String name) {
        return switch (name) {
            case "pm2" -> "starts pm2's daemon, hands it the application";
            case "service" -> "runs the service's init script, which starts the daemon in the background";
            default -> "forks into the background";
        };
    }

    private static String notes(EntryPoint ep) {
        return ep.notes().isEmpty() ? "" : " (" + String.join("; ", ep.notes()) + ")";
    }

    private static String recommendation(String name, List<String> argv) {
        List<String> args = argv.subList(1, argv.size());
        return switch (name) {
            case "pm2" -> "Run it with pm2-runtime, pm2's foreground command for containers: `pm2-runtime "
                    + String.join(" ", args) + "` (or add --no-daemon).";
            case "gunicorn", "unicorn" -> "Drop " + (args.contains("-D") ? "-D" : "--daemon") + ": `"
                    + String.join(" ", argv.stream().filter(a -> !a.equals("-D") && !a.equals("--daemon")).toList())
                    + "` stays in the foreground.";
            case "service" -> "Run " + args.get(0) + "'s own server binary in the foreground as the command (for nginx:"
                    + " nginx -g 'daemon off;'), instead of its init script.";
            case "nginx" -> "Keep nginx in the foreground: CMD [\"nginx\", \"-g\", \"daemon off;\"].";
            case "redis-server" -> "Remove --daemonize yes: redis-server stays in the foreground by default.";
            case "sshd" -> "Add -D so that sshd stays in the foreground (and -e to log to stderr).";
            case "mongod" -> "Remove --fork: mongod stays in the foreground by default.";
            default -> name.startsWith("php") && name.contains("fpm") ? "Use -F (--nodaemonize) instead of -D."
                    : name.startsWith("/etc/init.d/") || argv.get(0).startsWith("/etc/init.d/")
                            ? "Run the server's own binary in the foreground as the command, instead of its init script."
                            : "Start " + name + " in the foreground (its foreground option instead of the daemon one).";
        };
    }

    /** Whether a RUN of the image or a .conf file it copies from the build context sets nginx's {@code daemon off;}. */
    private static boolean foregroundByConfiguration(ReviewContext context, Container c) {
        if (c.build() == null || c.build().stage() == null) {
            return true; // the image's own configuration cannot be seen
        }
        if (c.build().stage().steps().stream().anyMatch(s -> daemonOff(s.instruction().rawText()))) {
            return true;
        }
        for (var copy : c.build().stage().copies()) {
            for (String source : copy.sources()) {
                if (source.endsWith(".conf") && context.project().source(PathNames.join(c.build().context(),
                        PathNames.normalizeRelative(source))).map(f -> daemonOff(f.text())).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean daemonOff(String text) {
        return text.replaceAll("\\s+", " ").contains("daemon off");
    }
}
