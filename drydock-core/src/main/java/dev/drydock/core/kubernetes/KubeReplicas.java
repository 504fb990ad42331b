package dev.drydock.core.kubernetes;

/**
 * How many pods of a workload its manifests ask for.
 *
 * @param count {@code spec.replicas} as written, or null when not written (the controller's default, 1)
 * @param line the line of {@code spec.replicas}, 0 when not written
 * @param autoscaler the HorizontalPodAutoscaler of the project's manifests that scales the workload, or null
 */
public record KubeReplicas(Long count, int line, KubeAutoscaler autoscaler) {

    /** Nothing written: one pod, no autoscaler. */
    public static final KubeReplicas UNSET = new KubeReplicas(null, 0, null);

    /** Whether more than one pod may run at once: replicas above 1, or an autoscaler allowed to go above 1. */
    public boolean several() {
        return count != null && count > 1 || autoscaler != null && autoscaler.maxReplicas() > 1;
    }

    /** The same replicas scaled by an autoscaler. */
    public KubeReplicas scaledBy(KubeAutoscaler scaler) {
        return new KubeReplicas(count, line, scaler);
    }

    /** {@code replicas: 3}, {@code HorizontalPodAutoscaler web up to 10 pods, k8s/hpa.yaml line 1}, for messages. */
    public String describe() {
        if (autoscaler != null && autoscaler.maxReplicas() > 1) {
            return "HorizontalPodAutoscaler " + (autoscaler.name() == null ? "" : autoscaler.name() + " ")
                    + "up to " + autoscaler.maxReplicas() + " pods, " + autoscaler.file() + " line " + autoscaler.line();
        }
        return "replicas: " + (count == null ? 1 : count);
    }
}
