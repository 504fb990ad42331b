package dev.drydock.core.rules.support;

import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Kubernetes workloads that run an image without USER make of its root user. A securityContext runAsUser
 * other than 0 in every one of them runs the container as that uid there (mitigated: low, since `docker run`,
 * Compose and other runtimes still start the image as root); runAsNonRoot: true without runAsUser in one of them
 * makes the kubelet refuse to start the container ("container has runAsNonRoot and image will run as root"): the
 * deployment fails (high at least). An init container that the manifest runs as root on purpose (runAsUser: 0) is
 * left out. Where kustomize overlays deploy the manifest, their securityContexts count ({@link KubernetesRuns#deployed}):
 * a container is refused where every leaf refuses it, and runs as another uid where every leaf drydock can read sets
 * one.
 *
 * @param runs the containers of the manifests that run the image, as the leaves deploy them
 * @param refused those that the kubelet refuses to start
 * @param mitigated whether every one sets a non-zero runAsUser
 */
public record KubernetesRoot(List<KubernetesRuns> runs, List<KubernetesRuns> refused, boolean mitigated) {

    public static final KubernetesRoot NONE = new KubernetesRoot(List.of(), List.of(), false);

    public KubernetesRoot {
        runs = List.copyOf(runs);
        refused = List.copyOf(refused);
    }

    /**
     * @param all the containers as their manifests write them
     * @param imageRunsAsRoot whether drydock knows the image runs as root (its base image's user is known): only
     *     then is a refusal certain
     */
    public static KubernetesRoot of(ReviewContext context, List<KubernetesRuns> all, boolean imageRunsAsRoot) {
        List<KubernetesRuns> runs = new ArrayList<>();
        List<KubernetesRuns> refused = new ArrayList<>();
        boolean mitigated = true;
        for (KubernetesRuns written : all) {
            List<KubernetesRuns> leaves = written.deployed(context).runs();
            // an init container the manifest runs as root on purpose (a chown, a sysctl) would not change with a USER
            if (written.container().init() && !leaves.isEmpty()
                    && leaves.stream().allMatch(r -> r.runAsUser() != null && r.runAsUser() == 0)) {
                continue;
            }
            runs.addAll(leaves);
            mitigated &= !leaves.isEmpty() && leaves.stream().allMatch(r -> r.runAsUser() != null && r.runAsUser() != 0);
            if (imageRunsAsRoot) {
                written.everyLeaf(context, KubernetesRuns::requiresNonRootWithoutUser).ifPresent(refused::add);
            }
        }
        return new KubernetesRoot(runs, refused, mitigated && !runs.isEmpty());
    }

    public String message() {
        if (!refused.isEmpty()) {
            KubernetesRuns first = refused.get(0);
            return "; " + first.describe() + " sets " + first.runAsNonRootSetting() + " without runAsUser, so the"
                    + " kubelet refuses to start the container (\"container has runAsNonRoot and image will run as"
                    + " root\", CreateContainerConfigError)" + others(refused);
        }
        if (mitigated) {
            KubernetesRuns first = runs.get(0);
            return "; under Kubernetes, " + first.runsAsUser() + others(runs) + ", but `docker run`, Compose and"
                    + " other runtimes start the image as root";
        }
        return "";
    }

    public Severity severity(Severity otherwise) {
        if (!refused.isEmpty()) {
            return otherwise.compareTo(Severity.HIGH) <= 0 ? otherwise : Severity.HIGH; // CRITICAL stays
        }
        return mitigated ? Severity.LOW : otherwise;
    }

    public String recommendation() {
        if (!refused.isEmpty()) {
            return " Write the user as a numeric id (USER 10001): the kubelet verifies runAsNonRoot by the image's"
                    + " uid and cannot for a user name; or set runAsUser in the manifest's securityContext.";
        }
        return mitigated ? " Keep the manifest's runAsUser; the USER makes the image safe where no securityContext"
                + " applies." : "";
    }

    private static String others(List<KubernetesRuns> runs) {
        return runs.size() > 1 ? " (as do " + (runs.size() - 1) + " other container(s) of the manifests)" : "";
    }
}
