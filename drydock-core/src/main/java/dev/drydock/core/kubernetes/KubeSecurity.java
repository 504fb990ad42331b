package dev.drydock.core.kubernetes;

/**
 * The settings of a pod's or a container's securityContext drydock reads; null where the manifest does not set one.
 *
 * @param runAsNonRoot runAsNonRoot
 * @param runAsUser runAsUser
 * @param readOnlyRootFilesystem readOnlyRootFilesystem (containers only)
 * @param allowPrivilegeEscalation allowPrivilegeEscalation (containers only)
 * @param privileged privileged (containers only)
 * @param runAsNonRootLine the line of runAsNonRoot, 0 when unset
 * @param runAsUserLine the line of runAsUser, 0 when unset
 * @param readOnlyRootFilesystemLine the line of readOnlyRootFilesystem, 0 when unset
 * @param capabilitiesAdd capabilities.add as written (containers only)
 * @param capabilitiesDrop capabilities.drop as written (containers only)
 * @param capabilitiesDropLine the line of capabilities.drop, 0 when unset
 * @param files the file that sets a setting ({@link #SETTINGS}) where it is not the workload's manifest: a kustomize
 *     overlay's patch that sets it
 */
public record KubeSecurity(Boolean runAsNonRoot, Long runAsUser, Boolean readOnlyRootFilesystem,
        Boolean allowPrivilegeEscalation, Boolean privileged, int runAsNonRootLine, int runAsUserLine,
        int readOnlyRootFilesystemLine, java.util.List<String> capabilitiesAdd, java.util.List<String> capabilitiesDrop,
        int capabilitiesDropLine, java.util.Map<String, String> files) {

    /** The settings whose lines it keeps, as {@link #files} names them. */
    public static final java.util.List<String> SETTINGS = java.util.List.of("runAsNonRoot", "runAsUser",
            "readOnlyRootFilesystem", "capabilities.drop");

    public static final KubeSecurity NONE = new KubeSecurity(null, null, null, null, null, 0, 0, 0,
            java.util.List.of(), java.util.List.of(), 0, java.util.Map.of());

    public KubeSecurity {
        capabilitiesAdd = java.util.List.copyOf(capabilitiesAdd);
        capabilitiesDrop = java.util.List.copyOf(capabilitiesDrop);
        files = java.util.Map.copyOf(files);
    }

    /** The file that sets the setting: {@code manifest} unless an overlay's patch sets it. */
    public String file(String setting, String manifest) {
        return files.getOrDefault(setting, manifest);
    }

    /**
     * The container's settings over the pod's: Kubernetes takes runAsNonRoot and runAsUser from the container's
     * securityContext where it sets them, else from the pod's.
     */
    public KubeSecurity over(KubeSecurity pod) {
        return new KubeSecurity(runAsNonRoot != null ? runAsNonRoot : pod.runAsNonRoot,
                runAsUser != null ? runAsUser : pod.runAsUser, readOnlyRootFilesystem, allowPrivilegeEscalation,
                privileged, runAsNonRoot != null ? runAsNonRootLine : pod.runAsNonRootLine,
                runAsUser != null ? runAsUserLine : pod.runAsUserLine, readOnlyRootFilesystemLine, capabilitiesAdd,
                capabilitiesDrop, capabilitiesDropLine, overFiles(pod));
    }

    private java.util.Map<String, String> overFiles(KubeSecurity pod) {
        java.util.Map<String, String> merged = new java.util.HashMap<>(files);
        for (String setting : java.util.List.of("runAsNonRoot", "runAsUser")) {
            merged.remove(setting);
            String from = (setting.equals("runAsUser") ? runAsUser : runAsNonRoot) != null ? files.get(setting)
                    : pod.files.get(setting);
            if (from != null) {
                merged.put(setting, from);
            }
        }
        return merged;
    }
}
