package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.supervisor.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes a container runs: its command's program, or, when that is supervisord with a configuration drydock
 * read, the programs supervisord starts.
 */
public final class Processes {

    private Processes() {}

    /**
     * A process: what it starts, where its command is written, and the supervisord program it is (null for the
     * container's own command).
     */
    public record Process(EntryPoint entryPoint, Origin origin, Program program) {

        /** How a message names it: {@code [program:php] in docker/supervisord.conf}, or null for the command. */
        public String label() {
            return program == null ? null : "[program:" + program.name() + "] in " + program.file();
        }
    }

    /**
     * The programs supervisord starts (autostart) that have a command; empty when the container runs no supervisord
     * (as its command, or from its start script) whose configuration drydock read.
     */
    public static List<Process> supervised(Container c) {
        List<Process> out = new ArrayList<>();
        if (c.supervision() == null) {
            return out;
        }
        for (Program p : c.supervision().started()) {
            if (p.entryPoint() != null) {
                out.add(new Process(p.entryPoint(), new Origin(p.file(), p.command()), p));
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
     * The entry point that serves the container's requests: the supervised server program's when supervisord runs
     * one, else the container's command.
     */
    public static EntryPoint serving(Container c) {
        return supervisedServer(c).map(Process::entryPoint).orElse(c.entryPoint());
    }
}
