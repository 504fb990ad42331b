package dev.drydock.core.kubernetes;

/**
 * One volumeMount of a container, with the kind of the pod volume it mounts.
 *
 * @param mountPath where the volume appears in the container
 * @param volume the name of the pod volume
 * @param source the key that says what the pod volume is ({@code persistentVolumeClaim}, {@code emptyDir},
 *     {@code hostPath}, {@code configMap}, {@code ephemeral}...), {@link #CLAIM_TEMPLATE} for a claim of the
 *     StatefulSet's volumeClaimTemplates, null when the pod spec declares no volume of that name
 */
public record KubeVolumeMount(String mountPath, String volume, String source) {

    /** The source of a volume that a StatefulSet's volumeClaimTemplates give each of its pods. */
    public static final String CLAIM_TEMPLATE = "volumeClaimTemplate";
}
