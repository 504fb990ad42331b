package dev.drydock.core.rules.app;

import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.KubernetesRuns;
import java.util.List;

/**
 * How long a platform lets a container stop and what the servers need of it: the Kubernetes pod's
 * terminationGracePeriodSeconds for an image only manifests run, and the drain times gunicorn and gRPC servers ask.
 */
final class StopGrace {

    private StopGrace() {}

    /**
     * How the Kubernetes manifests that run an image no compose file runs stop it: the kubelet sends SIGTERM and kills
     * the container after the pod's terminationGracePeriodSeconds; empty when no long-running container of theirs
     * starts the image's program.
     */
    static String kubernetesStop(ReviewContext context, Container c, EffectiveCommand command) {
        if (c.isComposeService()) {
            return "";
        }
        List<String> runs = KubernetesRuns.of(context, c).stream()
                .filter(r -> !r.runsToCompletion() && r.runsImageProgram(command.argv()))
                .map(r -> r.describe() + " after " + (r.workload().gracePeriod() == null
                        ? KubeWorkload.DEFAULT_GRACE_PERIOD + " s (the default terminationGracePeriodSeconds)"
                        : "its terminationGracePeriodSeconds of " + r.workload().gracePeriod() + " s"))
                .distinct().toList();
        return runs.isEmpty() ? "" : "; under Kubernetes the kubelet does the same, killing it in " + String.join(", ", runs);
    }

    /**
     * The shortest grace period of the pods that run an image no compose file runs (the kubelet kills the container
     * when it ends), with the workload that sets it; null when no long-running container of theirs starts the image's
     * program.
     */
    record PodGrace(long seconds, KubernetesRuns run) {

        /** {@code the 5 s terminationGracePeriodSeconds of Deployment worker (k8s/worker.yaml)}. */
        String describe() {
            KubeWorkload w = run.workload();
            return "the " + seconds + " s terminationGracePeriodSeconds" + (w.gracePeriod() == null ? " (the default)"
                    : "") + " of " + w.kind() + (w.name() == null ? "" : " " + w.name()) + " (" + w.file() + ")";
        }

        /** Raising the period to {@code needed} where it is shorter, or an empty text when it is long enough. */
        String raisedTo(long needed, String than) {
            return seconds >= needed ? "" : ", and raise " + describe() + " to " + needed + " s: the kubelet kills the"
                    + " container when it ends, before " + than;
        }
    }

    static PodGrace podGrace(ReviewContext context, Container c, EffectiveCommand command) {
        if (c.isComposeService()) {
            return null;
        }
        return KubernetesRuns.of(context, c).stream()
                .filter(r -> !r.runsToCompletion() && r.runsImageProgram(command.argv()))
                .map(r -> new PodGrace(r.workload().gracePeriod() == null ? KubeWorkload.DEFAULT_GRACE_PERIOD
                        : r.workload().gracePeriod(), r))
                .min(java.util.Comparator.comparingLong(PodGrace::seconds)).orElse(null);
    }

    /**
     * The example of gunicorn's graceful timeout: 25 s with a stop_grace_period of 30 s in compose; under Kubernetes
     * 5 s below the pods' grace period, or 25 s with a grace period raised to 30 s where the pods' is under 10 s.
     */
    static String gunicornGrace(PodGrace pod) {
        if (pod == null) {
            return "e.g. --graceful-timeout 25 with stop_grace_period: 30s in compose";
        }
        long graceful = pod.seconds() >= 10 ? pod.seconds() - 5 : 25;
        return "e.g. --graceful-timeout " + graceful + (pod.seconds() >= graceful + 5 ? ", within " + pod.describe()
                : pod.raisedTo(graceful + 5, "the workers have drained"));
    }

    /** How a gRPC server of grpcio or @grpc/grpc-js drains on SIGTERM: no WSGI or HTTP server applies. */
    static String grpcDrain(boolean python, String library, PodGrace pod) {
        return (python
                ? "Stop the gRPC server (" + library + ") gracefully on SIGTERM: signal.signal(signal.SIGTERM, lambda *_:"
                        + " server.stop(grace=20)) before server.wait_for_termination(); stop(grace) refuses new RPCs at"
                        + " once and lets those in flight finish within the grace."
                : "Stop the gRPC server (" + library + ") gracefully on SIGTERM: process.on('SIGTERM', () =>"
                        + " server.tryShutdown(() => process.exit(0))), which refuses new calls and lets those in flight"
                        + " finish.")
                + (pod == null ? " Give it a stop_grace_period (compose) or terminationGracePeriodSeconds (Kubernetes)"
                        + " longer than the longest call."
                        : python && pod.seconds() < 25 ? " Under Kubernetes, give the pod a grace period longer than"
                                + " that grace" + pod.raisedTo(25, "the calls in flight have finished") + "."
                        : " Under Kubernetes, " + pod.describe() + " must stay longer than the longest call.");
    }
}
