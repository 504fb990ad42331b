package dev.drydock.core.kubernetes;

import java.util.List;

/**
 * A Kubernetes object that runs pods, read from one document of a manifest.
 *
 * @param file the manifest, relative to the project root
 * @param line the line of the document's {@code kind:}
 * @param kind Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod
 * @param name metadata.name, or null
 * @param podSecurity the pod template's securityContext ({@link KubeSecurity#NONE} when it has none)
 * @param containers the pod template's init containers, then its containers
 * @param hostNetwork whether the pod uses the node's network namespace ({@code hostNetwork: true})
 * @param sysctls the names of the sysctls the pod's securityContext sets
 * @param replicas how many pods it asks for ({@link KubeReplicas#UNSET} for a kind without replicas)
 * @param gracePeriod the pod's terminationGracePeriodSeconds, how long the kubelet waits after SIGTERM before it kills
 *     the containers, or null when unset (30 s) or not a number
 * @param hostPaths the pod's hostPath volumes that its containers mount
 * @param runtimeClassName the pod's runtimeClassName (the RuntimeClass whose container runtime runs it), or null
 * @param namespace metadata.namespace, or null (the namespace it is applied to)
 * @param podLabels the labels of its pods: the pod template's metadata.labels (a Pod's own), by which Services select
 *     them
 */
public record KubeWorkload(String file, int line, String kind, String name, KubeSecurity podSecurity,
        List<KubeContainer> containers, boolean hostNetwork, List<String> sysctls, KubeReplicas replicas,
        Long gracePeriod, List<KubeHostPath> hostPaths, String runtimeClassName, String namespace,
        java.util.Map<String, String> podLabels) {

    /** The kubelet's grace period when a pod sets none. */
    public static final long DEFAULT_GRACE_PERIOD = 30;

    public KubeWorkload {
        containers = List.copyOf(containers);
        sysctls = List.copyOf(sysctls);
        hostPaths = hostPaths == null ? List.of() : List.copyOf(hostPaths);
        replicas = replicas == null ? KubeReplicas.UNSET : replicas;
        podLabels = podLabels == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(podLabels));
    }

    /** The keys from the document's root to the metadata of its pods (the pod template's, a Pod's own). */
    public static List<String> podMetadataPath(String kind) {
        List<String> spec = podSpecPath(kind);
        List<String> path = new java.util.ArrayList<>(spec.subList(0, spec.size() - 1));
        path.add("metadata");
        return path;
    }

    /** The keys from the document's root to the pod spec of a workload of this kind. */
    public static List<String> podSpecPath(String kind) {
        return switch (kind) {
            case "Pod" -> List.of("spec");
            case "CronJob" -> List.of("spec", "jobTemplate", "spec", "template", "spec");
            default -> List.of("spec", "template", "spec");
        };
    }

    /** Whether the workload's pods run to completion: a Job's or a CronJob's. */
    public boolean runsToCompletion() {
        return kind.equals("Job") || kind.equals("CronJob");
    }

    /** The same workload with its containers replaced (linked to the Dockerfiles that build their images). */
    public KubeWorkload withContainers(List<KubeContainer> replaced) {
        return new KubeWorkload(file, line, kind, name, podSecurity, replaced, hostNetwork, sysctls, replicas,
                gracePeriod, hostPaths, runtimeClassName, namespace, podLabels);
    }

    /** The same workload scaled by an autoscaler. */
    public KubeWorkload scaledBy(KubeAutoscaler autoscaler) {
        return new KubeWorkload(file, line, kind, name, podSecurity, containers, hostNetwork, sysctls,
                replicas.scaledBy(autoscaler), gracePeriod, hostPaths, runtimeClassName, namespace, podLabels);
    }

    /** Whether the pod runs under the NVIDIA container runtime: runtimeClassName nvidia (or nvidia-cdi, nvidia-legacy). */
    public boolean nvidiaRuntime() {
        return runtimeClassName != null && (runtimeClassName.equals("nvidia") || runtimeClassName.startsWith("nvidia-"));
    }

    /** What a container runs as under this pod: its own securityContext over the pod's. */
    public KubeSecurity security(KubeContainer container) {
        return container.security().over(podSecurity);
    }

    /** {@code k8s/deployment.yaml (Deployment web, container api)}, {@code (..., init container migrate)}. */
    public String describe(KubeContainer container) {
        return file + " (" + kind + (name == null ? "" : " " + name) + ", " + (container.init() ? "init container "
                : "container ") + container.name() + ")";
    }
}
