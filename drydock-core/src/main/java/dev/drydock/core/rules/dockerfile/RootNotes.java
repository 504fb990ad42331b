package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.PrivilegeDrop;
import dev.drydock.core.rules.support.RootHomeVariables;
import dev.drydock.core.rules.support.ServerOwnUser;
import java.util.List;
import java.util.Optional;

/**
 * The words runs-as-root adds to its messages about a container that runs as root: what Celery makes of root, why
 * root matters less for a tool or a short job, the ports below 1024 a non-root user may not bind everywhere, and how
 * a container that starts as root only to prepare its files drops it.
 */
final class RootNotes {

    private RootNotes() {}

    /**
     * What Celery makes of root, for a container that runs a Celery worker: it refuses to start as root when it accepts
     * pickle-serialized messages unless C_FORCE_ROOT is set (to any non-empty value), and only warns otherwise.
     */
    static String celeryAsRoot(Container container) {
        EntryPoint ep = container.entryPoint();
        if (ep == null || ep.runtime() != Runtime.CELERY || !"worker".equals(ep.option("command"))) {
            return "";
        }
        String force = ep.environment().get("C_FORCE_ROOT");
        return force != null && !force.isEmpty()
                ? "; C_FORCE_ROOT=" + force + " is set, which overrides Celery's guard against this: the worker"
                        + " refuses to run as root when it accepts pickle-serialized messages (a message that unpickles"
                        + " runs code) unless that variable is set, so the override lets any message on the broker run"
                        + " code as root"
                : "; Celery warns when its worker runs as root, and refuses to start when it accepts"
                        + " pickle-serialized messages unless C_FORCE_ROOT is set: setting that variable is not the"
                        + " fix";
    }

    /**
     * Why root matters less here, for a command-line tool or a short job that serves nothing (medium rather than
     * high): nothing reaches it over the network, but it runs as root on what it is given and writes root-owned files
     * into the folders mounted into it. Empty for a service, a worker, an image shared with other containers, or
     * when drydock cannot tell.
     */
    static Optional<String> toolNote(ReviewContext context, Container container) {
        if (RunsAsRoot.servesRequests(context, container) || SharedImages.sharedImage(context, container)) {
            return Optional.empty();
        }
        Optional<String> job = OneShotJobs.of(context, container);
        String what = job.map(j -> "a short job (" + j + ")").orElse(
                OneShotJobs.commandLineTool(context, container)
                        ? "a command-line tool (`" + String.join(" ", container.command().argv()) + "`)" : null);
        return Optional.ofNullable(what).map(w -> "; it runs " + w + " and serves nothing, so root matters less than"
                + " in a network service (medium rather than high), but it still runs as root on the input it is"
                + " given, the files it writes into a mounted folder belong to root on the host, and a flaw in it is"
                + " one kernel or runtime bug away from the host");
    }

    /**
     * A note for an application that listens on a port below 1024, which a non-root user may bind only where the
     * runtime lowers net.ipv4.ip_unprivileged_port_start (Docker 20.10 and later, containerd 2.0's CRI); empty otherwise.
     */
    static String privilegedPortNote(ReviewContext context, Container container) {
        if (AppFacts.declaredPorts(container).isEmpty()) {
            return "";
        }
        int port = AppFacts.port(context, container, Apps.of(context, container));
        return port >= 1024 || port == 0 ? "" : " The application listens on port " + port + ", below 1024: Docker 20.10"
                + " and later let a non-root user bind it (they set net.ipv4.ip_unprivileged_port_start=0 in the"
                + " container), but host networking and runtimes that keep the kernel's default (Podman, CRI-O, containerd"
                + " 1.x, older Docker)"
                + " refuse it, so a port above 1024 is the portable choice.";
    }

    /** The strength of a container that starts as root only to prepare its files, or whose server drops root itself. */
    static String startsAsRootToPrepare(PrivilegeDrop drop) {
        ServerOwnUser server = drop.server();
        if (server != null) {
            return (drop.where().equals(PrivilegeDrop.COMMAND) ? "the container starts " + server.server()
                    + " as root, which " : "the container starts as root only to prepare its files: " + drop.where()
                    + " starts " + server.server() + ", which ") + (server.workersOnly() ? "runs its workers as " + drop.user()
                            + " (" + drop.tool() + "; its master process keeps root)"
                            : "switches itself to " + drop.user() + " once it has bound its sockets (" + drop.tool() + ")");
        }
        return "the container starts as root only to prepare its files: " + drop.where() + " switches to "
                + drop.user() + " with " + drop.tool() + " before the main process starts";
    }

    /**
     * The variables that keep pointing the application under /root, which the user the advice adds cannot enter: no
     * automatic fix adds it while they do.
     */
    static String rootHomeNote(List<RootHomeVariables.Pointer> pointers) {
        List<String> named = pointers.stream().map(p -> p.name() + " (" + p.where().file() + " line "
                + p.where().span().startLine() + ")").distinct().toList();
        String paths = String.join(", ", pointers.stream().map(RootHomeVariables.Pointer::path).distinct().toList());
        return AppFacts.and(named) + (named.size() > 1 ? " point" : " points") + " the application at " + paths
                + ", under /root, which a non-root user cannot enter (mode 700): point "
                + (named.size() > 1 ? "them" : "it") + " at a folder the new user owns in the same change, and chown"
                + " the volumes that already hold its data; no automatic fix adds the USER before that.";
    }
}
