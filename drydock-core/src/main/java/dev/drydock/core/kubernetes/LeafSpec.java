package dev.drydock.core.kubernetes;

/**
 * The securityContexts a container of a manifest is deployed with through one leaf kustomization, after the patches
 * of every kustomization of its chain; or the manifest's own where no kustomization lists it.
 *
 * @param leaf the folder of the leaf kustomization, or null for the manifest as written
 * @param pod the pod's securityContext, or null when drydock cannot tell what the overlays make of it
 * @param container the container's own securityContext, or null when drydock cannot tell
 * @param resources the container's resources, or null when drydock cannot tell what the overlays make of them
 */
public record LeafSpec(String leaf, KubeSecurity pod, KubeSecurity container, KubeResources resources) {

    /** Whether drydock knows what the leaf deploys. */
    public boolean known() {
        return pod != null && container != null;
    }

    /** The securityContext in effect for the container: its own over the pod's; null when not {@link #known}. */
    public KubeSecurity security() {
        return known() ? container.over(pod) : null;
    }

    /** The workload and container as the leaf deploys them: their securityContexts replaced. */
    public KubeWorkload workload(KubeWorkload base) {
        return new KubeWorkload(base.file(), base.line(), base.kind(), base.name(), pod, base.containers(),
                base.hostNetwork(), base.sysctls(), base.replicas(), base.gracePeriod(),
                base.hostPaths(), base.runtimeClassName(), base.namespace(), base.podLabels());
    }

    /** The container as the leaf deploys it: its securityContext replaced, and its resources where known. */
    public KubeContainer container(KubeContainer base) {
        return new KubeContainer(base.name(), base.image(), base.line(), base.init(), base.command(), base.args(),
                base.ports(), base.environment(), base.envFrom(), base.values(), base.volumeMounts(), base.liveness(),
                base.readiness(), base.startup(), container, resources != null ? resources : base.resources(),
                base.dockerfile(), base.stage(), base.place(), base.commandLines(), base.argsLines());
    }
}
