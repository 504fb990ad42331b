package dev.drydock.core.kubernetes;

/**
 * A HorizontalPodAutoscaler of the project's manifests.
 *
 * @param file the manifest, relative to the project root
 * @param line the line of the document's {@code kind:}
 * @param name metadata.name, or null
 * @param targetKind {@code spec.scaleTargetRef.kind} (Deployment, StatefulSet, ...)
 * @param targetName {@code spec.scaleTargetRef.name}
 * @param maxReplicas {@code spec.maxReplicas}
 */
public record KubeAutoscaler(String file, int line, String name, String targetKind, String targetName,
        long maxReplicas) {

    /** Whether it scales that workload: the same kind and name. */
    public boolean scales(KubeWorkload workload) {
        return targetKind.equals(workload.kind()) && targetName.equals(workload.name());
    }
}
