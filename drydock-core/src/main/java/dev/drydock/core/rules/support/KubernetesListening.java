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
 * {@link KubernetesRuns#kestrelUrlsPort}); or one that runs a well-known server image it pulls, on the ports
 * {@link PulledServerPorts} works out from its command, args, env and volume mounts, with the image kustomize's
 * {@code images:} transformers deploy. Unknown where the manifest may move the server otherwise (args, envFrom, a
 * variable named like a port setting), where the command starts another server beside it, and where a kustomize overlay
 * patches the container's command, args, env, envFrom, image or volumeMounts.
 *
 * @param run the workload and container
 * @param image the project's container whose image it runs, or null for a pulled image
 * @param pulled the reference of the pulled image as deployed, or null for a built one
 * @param ports the ports its server listens on, at least one
 * @param listener what drydock knows of the image's server
 * @param because why it listens there, in parentheses with a leading space, or nothing
 */
public record KubernetesListening(KubernetesRuns run, Container image, String pulled, List<Integer> ports,
        ListeningPorts listener, String because) {

    /** The container keys whose patches may move its server or replace what it runs. */
    private static final List<String> PATCHED_KEYS = List.of("command", "args", "env", "envFrom", "image",
            "volumeMounts");

    /** The listening ports of every container of the project's manifests whose server drydock can tell. */
    public static List<KubernetesListening> all(ReviewContext context) {
        return context.memo("kubernetes-listening", KubernetesListening.class, () -> {
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
            out.addAll(pulled(context));
            return List.copyOf(out);
        });
    }

    /** Where the container's server listens; empty when drydock cannot tell. */
    public static Optional<KubernetesListening> of(ReviewContext context, Container c, KubernetesRuns run) {
        if (run.runsToCompletion() || !run.runsImageProgram(c.command() == null ? List.of() : c.command().argv())
                || patchedByOverlay(context, run)) {
            return Optional.empty();
        }
        ListeningPorts listener = ListeningPorts.of(context, c).orElse(null);
        if (listener == null || listener.ports().isEmpty() || ListeningPorts.otherServerBeside(c.entryPoint())) {
            return Optional.empty();
        }
        String setting = listener.setting(0);
        String variable = setting == null ? null : setting.substring(0, setting.indexOf('='));
        if (!run.mayMoveServer(variable)) {
            return Optional.of(new KubernetesListening(run, c, null, listener.ports(), listener, listener.why()));
        }
        // the manifest's env gives the variable the server reads its port from: it listens there
        KubernetesRuns.MovedPort moved = listener.ports().size() != 1 ? null : run.portSetBy(variable)
                .map(port -> new KubernetesRuns.MovedPort(port, variable + "=" + port))
                .or(() -> run.kestrelUrlsPort(variable)).orElse(null);
        return moved == null ? Optional.empty() : Optional.of(new KubernetesListening(run, c, null,
                List.of(moved.port()), listener, " (" + moved.setting() + " in the container's env)"));
    }

    /**
     * The long-running containers of the project's workloads that run a well-known server image no Dockerfile of the
     * project builds, where drydock can tell its ports: every image the kustomizations deploy it with must listen on
     * the same ones.
     */
    public static List<KubernetesListening> pulled(ReviewContext context) {
        List<KubernetesListening> out = new ArrayList<>();
        for (KubeWorkload w : context.project().kubernetesWorkloads()) {
            for (KubeContainer c : w.containers()) {
                KubernetesRuns run = new KubernetesRuns(w, c);
                if (c.dockerfile() != null || c.image() == null || run.runsToCompletion()
                        || patchedByOverlay(context, run)) {
                    continue;
                }
                Set<String> deployed = KustomizeOverlays.tree(context).images(w.file(), c.image());
                List<ListeningPorts> found = deployed.stream().map(image -> PulledServerPorts.of(c, image))
                        .flatMap(Optional::stream).toList();
                if (found.size() != deployed.size()
                        || found.stream().map(ListeningPorts::ports).distinct().count() != 1) {
                    continue;
                }
                ListeningPorts listener = found.get(0);
                out.add(new KubernetesListening(run, null, deployed.iterator().next(), listener.ports(), listener,
                        listener.why()));
            }
        }
        return out;
    }

    /** Whether a kustomize overlay patches what the container runs or what moves its server, or may. */
    private static boolean patchedByOverlay(ReviewContext context, KubernetesRuns run) {
        return PATCHED_KEYS.stream().anyMatch(key -> KustomizeOverlays.patchedByAny(context, run, key));
    }

    /** The one among them for this container of this workload, if any. */
    public static Optional<KubernetesListening> find(List<KubernetesListening> all, KubeWorkload workload,
            KubeContainer container) {
        return all.stream().filter(l -> l.run().workload().equals(workload) && l.run().container().equals(container))
                .findFirst();
    }

    /** The server's name in messages: {@code gunicorn}, {@code ASP.NET Core's Kestrel}, {@code Redis}. */
    public String server() {
        return listener.server();
    }

    /** {@code ghcr.io/acme/web:1.0.0, built by web/Dockerfile}, or the pulled image: {@code redis:7.2}. */
    public String imageDescription() {
        if (pulled != null) {
            return pulled;
        }
        String written = run.container().image();
        return (written == null ? "" : written + ", ") + "built by " + image.build().dockerfile();
    }

    /** {@code web/Dockerfile's image}, or {@code image redis:7.2}: where the server's ports come from. */
    public String imageOrigin() {
        return pulled != null ? "image " + pulled : image.build().dockerfile() + "'s image";
    }
}
