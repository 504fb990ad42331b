package dev.drydock.core.rules.support;

import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the server of a Kubernetes container listens, when drydock can tell: a long-running container that runs the
 * image a Dockerfile of the project builds with the image's own program, on the ports {@link ListeningPorts} finds for
 * that image, or on the port the manifest's env moves it to ({@link KubernetesRuns#portSetBy},
 * {@link KubernetesRuns#kestrelUrlsPort}). Unknown where the manifest may move the server otherwise (args, envFrom, a
 * variable named like a port setting) and where the command starts another server beside it.
 *
 * @param run the workload and container
 * @param image the project's container whose image it runs
 * @param ports the ports its server listens on, at least one
 * @param listener what drydock knows of the image's server
 * @param because why it listens there, in parentheses with a leading space, or nothing
 */
public record KubernetesListening(KubernetesRuns run, Container image, List<Integer> ports, ListeningPorts listener,
        String because) {

    /** The listening ports of every container of the project's manifests whose server drydock can tell. */
    public static List<KubernetesListening> all(ReviewContext context) {
        List<KubernetesListening> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c.isComposeService() || AppFacts.runsOtherCommand(c) || !seen.add(c.build().dockerfile())) {
                continue;
            }
            for (KubernetesRuns run : KubernetesRuns.of(context, c)) {
                of(context, c, run).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Where the container's server listens; empty when drydock cannot tell. */
    public static Optional<KubernetesListening> of(ReviewContext context, Container c, KubernetesRuns run) {
        if (run.runsToCompletion() || !run.runsImageProgram(c.command() == null ? List.of() : c.command().argv())) {
            return Optional.empty();
        }
        ListeningPorts listener = ListeningPorts.of(context, c).orElse(null);
        if (listener == null || listener.ports().isEmpty() || ListeningPorts.otherServerBeside(c.entryPoint())) {
            return Optional.empty();
        }
        String setting = listener.setting(0);
        String variable = setting == null ? null : setting.substring(0, setting.indexOf('='));
        if (!run.mayMoveServer(variable)) {
            return Optional.of(new KubernetesListening(run, c, listener.ports(), listener, listener.why()));
        }
        // the manifest's env gives the variable the server reads its port from: it listens there
        KubernetesRuns.MovedPort moved = listener.ports().size() != 1 ? null : run.portSetBy(variable)
                .map(port -> new KubernetesRuns.MovedPort(port, variable + "=" + port))
                .or(() -> run.kestrelUrlsPort(variable)).orElse(null);
        return moved == null ? Optional.empty() : Optional.of(new KubernetesListening(run, c, List.of(moved.port()),
                listener, " (" + moved.setting() + " in the container's env)"));
    }

    /** The one among them for this container of this workload, if any. */
    public static Optional<KubernetesListening> find(List<KubernetesListening> all, KubeWorkload workload,
            KubeContainer container) {
        return all.stream().filter(l -> l.run().workload().equals(workload) && l.run().container().equals(container))
                .findFirst();
    }

    /** The server's name in messages: {@code gunicorn}, {@code ASP.NET Core's Kestrel}. */
    public String server() {
        return listener.server();
    }

    /** The Dockerfile that builds the image. */
    public String dockerfile() {
        return image.build().dockerfile();
    }
}
