package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queue workers and schedulers a container's command runs, which take their work from a broker and serve no HTTP:
 * a Celery worker or beat, an RQ worker, an arq worker. Celery's flower, which serves a web page, is none of them.
 */
public final class TaskWorkers {

    private TaskWorkers() {}

    /**
     * A worker or scheduler.
     *
     * @param display what it is, with its article: "a Celery worker", "Celery beat"
     * @param probe the command that checks it is alive and connected, in exec form, or empty when it has none
     */
    public record TaskWorker(String display, List<String> probe) {

        /** The probe as a HEALTHCHECK instruction, or null when the worker has no probe of its own. */
        public String instruction() {
            return probe.isEmpty() ? null : "HEALTHCHECK --interval=60s --timeout=20s CMD [\""
                    + String.join("\", \"", probe) + "\"]";
        }
    }

    /** Flower's port when its command sets none. */
    public static final int FLOWER_PORT = 5555;

    /** The worker a command runs, or empty when it runs something else (a server, a script, flower). */
    public static Optional<TaskWorker> of(EntryPoint ep) {
        if (ep == null || !ep.otherCommands().isEmpty()) {
            return Optional.empty();
        }
        if (ep.runtime() == Runtime.CELERY) {
            String command = ep.option("command");
            List<String> app = ep.option("app") == null ? List.of() : List.of("-A", ep.option("app"));
            if ("worker".equals(command)) {
                List<String> ping = new ArrayList<>(List.of("celery"));
                ping.addAll(app);
                ping.addAll(List.of("inspect", "ping", "--timeout", "10"));
                return Optional.of(new TaskWorker("a Celery worker", ping));
            }
            return "beat".equals(command) ? Optional.of(new TaskWorker("Celery beat", List.of())) : Optional.empty();
        }
        List<String> args = ep.args();
        if (ep.runtime() != Runtime.BINARY || args.isEmpty()) {
            return Optional.empty();
        }
        String program = PathNames.fileName(args.get(0));
        if (program.equals("rq") && args.size() > 1 && args.get(1).equals("worker")) {
            return Optional.of(new TaskWorker("an RQ worker", List.of()));
        }
        if (program.equals("arq") && !args.contains("--check")) {
            String settings = args.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
            return Optional.of(new TaskWorker("an arq worker",
                    settings == null ? List.of() : List.of("arq", "--check", settings)));
        }
        return Optional.empty();
    }

    /** Whether the command runs Celery's flower, the web monitor, which listens on --port or 5555. */
    public static boolean flower(EntryPoint ep) {
        return ep != null && ep.runtime() == Runtime.CELERY && "flower".equals(ep.option("command"));
    }
}
