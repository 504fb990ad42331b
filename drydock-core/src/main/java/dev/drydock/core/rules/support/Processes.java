package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.supervisor.Manager;
import dev.drydock.core.supervisor.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes a container runs: its command's program, or, when that is a process manager (supervisord, s6,
 * s6-overlay, runit) whose configuration drydock read, the programs it starts.
 */
public final class Processes {

    private Processes() {}

    /**
     * A process: what it starts, where its command is written, the supervised program it is (null for the
     * container's own command) and the manager that starts it (null with it).
     */
    public record Process(EntryPoint entryPoint, Origin origin, Program program, Manager manager) {

        /**
         * How a message names it: {@code [program:php] in docker/supervisord.conf}, {@code the s6 service gitea
         * (docker/root/etc/s6/gitea/run)}, or null for the command.
         */
        public String label() {
            return program == null ? null : manager.label(program);
        }
    }

    /**
     * The programs the container's process manager starts (autostart) that have a command; empty when it runs none
     * (as its command, or supervisord from its start script) whose configuration drydock read.
     */
    public static List<Process> supervised(Container c) {
        List<Process> out = new ArrayList<>();
        if (c.supervision() == null) {
            return out;
        }
        for (Program p : c.supervision().started()) {
            if (p.entryPoint() != null) {
                out.add(new Process(p.entryPoint(), new Origin(p.file(), p.command()), p, c.supervision().manager()));
            }
        }
        return out;
    }

    /**
     * The supervised program that serves HTTP: the first that starts a web server (nginx, gunicorn, artisan serve ...),
     * PHP-FPM only when nothing else does.
     */
    public static Optional<Process> supervisedServer(Container c) {
        List<Process> servers = supervised(c).stream().filter(p -> AppFacts.runsServer(p.entryPoint())).toList();
        return servers.stream().filter(p -> p.entryPoint().runtime() != Runtime.PHP_FPM).findFirst()
                .or(() -> servers.stream().findFirst()); // the HTTP server in front of PHP-FPM's FastCGI port
    }

    /**
     * The entry point that serves the container's requests: the supervised server program's when a manager runs
     * one, else the container's command.
     */
    public static EntryPoint serving(Container c) {
        return supervisedServer(c).map(Process::entryPoint).orElse(c.entryPoint());
    }
}
