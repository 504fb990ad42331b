package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeQuantity;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.kubernetes.LimitRanges;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory and CPU limits the project's Kubernetes manifests give the containers that run the images it builds, as
 * the leaf kustomizations deploy them ({@link KubernetesRuns#resourcesByLeaf}).
 */
public final class KubernetesLimits {

    private KubernetesLimits() {}

    /**
     * A long-running container that no leaf deploys with a memory limit.
     *
     * @param run the container as its manifest writes it
     * @param removal where an overlay's patch removes the manifest's limit, or null
     * @param cpuLimited whether every leaf deploys it with a CPU limit
     */
    public record Unlimited(KubernetesRuns run, KubeQuantity removal, boolean cpuLimited) {}

    /**
     * The long-running containers (not an init container's, a Job's or a CronJob's, which run to completion) that run
     * an image the project builds with no memory limit in any leaf that is not a development overlay (a folder named
     * dev, local, test...); none when a manifest of the project holds a LimitRange that gives containers a default
     * memory limit, as drydock does not tell namespaces apart.
     */
    public static List<Unlimited> unlimited(ReviewContext context) {
        List<Unlimited> out = new ArrayList<>();
        if (limitRangeDefaults(context)) {
            return out;
        }
        for (KubeWorkload w : context.project().kubernetesWorkloads()) {
            for (KubeContainer c : w.containers()) {
                KubernetesRuns run = new KubernetesRuns(w, c);
                if (c.dockerfile() == null || run.runsToCompletion()) {
                    continue;
                }
                List<KubernetesRuns> leaves = deployed(context, run);
                if (!leaves.isEmpty() && leaves.stream().allMatch(l -> l.container().resources().memoryLimit() == null)) {
                    out.add(new Unlimited(run, leaves.stream().map(l -> l.container().resources()
                            .removed("limits.memory")).filter(r -> r != null).findFirst().orElse(null),
                            leaves.stream().allMatch(l -> l.container().resources().cpuLimit() != null)));
                }
            }
        }
        return out;
    }

    /**
     * The container as the leaves that are not development overlays deploy it; empty when drydock cannot tell what
     * one of them deploys, or when every leaf is a development overlay.
     */
    private static List<KubernetesRuns> deployed(ReviewContext context, KubernetesRuns run) {
        List<KubernetesRuns> leaves = run.resourcesByLeaf(context).orElse(List.of());
        return leaves.stream().filter(l -> !ComposeServices.isDevelopmentFile(
                (l.leaf() == null ? run.workload().file() : l.leaf() + "/kustomization.yaml"))).toList();
    }

    /** The distinct memory limits the leaves give a container of the container's image, each with the first run. */
    public static Map<KubeQuantity, KubernetesRuns> memoryLimits(ReviewContext context, Container c) {
        Map<KubeQuantity, KubernetesRuns> limits = new LinkedHashMap<>();
        for (KubernetesRuns run : KubernetesRuns.of(context, c)) {
            for (KubernetesRuns leaf : run.resourcesByLeaf(context).orElse(List.of())) {
                KubeQuantity limit = leaf.container().resources().memoryLimit();
                if (limit != null && limit.mib() > 0) {
                    limits.putIfAbsent(limit, leaf);
                }
            }
        }
        return limits;
    }

    /**
     * The memory limit every container of the container's image that {@code counts} is deployed with (in every leaf),
     * when they all agree; empty when one has none, one drydock cannot read, or they differ.
     */
    public static Optional<KubeQuantity> memoryLimit(ReviewContext context, Container c,
            java.util.function.Predicate<KubernetesRuns> counts) {
        List<KubeQuantity> limits = new ArrayList<>();
        for (KubernetesRuns run : KubernetesRuns.of(context, c)) {
            if (!counts.test(run)) {
                continue;
            }
            Optional<List<KubernetesRuns>> leaves = run.resourcesByLeaf(context);
            if (leaves.isEmpty()) {
                return Optional.empty();
            }
            for (KubernetesRuns leaf : leaves.get()) {
                KubeQuantity q = leaf.container().resources().memoryLimit();
                if (q == null || q.mib() <= 0) {
                    return Optional.empty();
                }
                limits.add(q.file() == null ? new KubeQuantity(q.text(), q.amount(), run.workload().file(), q.line())
                        : q);
            }
        }
        return limits.isEmpty() || limits.stream().map(KubeQuantity::mib).distinct().count() > 1 ? Optional.empty()
                : Optional.of(limits.get(0));
    }

    /** A CPU limit and where it is written ({@code deploy/base/api.yaml:24}). */
    public record CpuLimit(double cpus, String where) {}

    /**
     * The CPU limit every long-running container of the container's image is deployed with, when they all agree;
     * empty when one has none, one drydock cannot read, or they differ.
     */
    public static Optional<CpuLimit> cpuLimit(ReviewContext context, Container c) {
        if (c.build() == null || c.build().dockerfile() == null) {
            return Optional.empty();
        }
        List<CpuLimit> limits = new ArrayList<>();
        for (KubernetesRuns run : KubernetesRuns.of(context, c)) {
            if (run.runsToCompletion()) {
                continue;
            }
            Optional<List<KubernetesRuns>> leaves = run.resourcesByLeaf(context);
            if (leaves.isEmpty()) {
                return Optional.empty();
            }
            for (KubernetesRuns leaf : leaves.get()) {
                KubeQuantity q = leaf.container().resources().cpuLimit();
                if (q == null || q.cpus() == null || q.cpus() <= 0) {
                    return Optional.empty();
                }
                limits.add(new CpuLimit(q.cpus(), (q.file() != null ? q.file() : run.workload().file()) + ":"
                        + q.line()));
            }
        }
        return limits.isEmpty() || limits.stream().map(CpuLimit::cpus).distinct().count() > 1 ? Optional.empty()
                : Optional.of(limits.get(0));
    }

    /** Whether a manifest of the project holds a LimitRange that gives containers a default memory limit. */
    private static boolean limitRangeDefaults(ReviewContext context) {
        return context.memo("kubernetes-limit-range-defaults", KubernetesLimits.class, c -> {
            for (ProjectEntry entry : c.project().layout().entries()) {
                if (entry.path().endsWith(".yaml") || entry.path().endsWith(".yml")) {
                    if (c.project().source(entry.path()).map(s -> LimitRanges.defaultMemoryLimit(s.text()))
                            .orElse(false)) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    /** {@code 512Mi}, {@code 3Gi}: a size in MiB as a Kubernetes quantity. */
    public static String quantity(long mib) {
        return mib % 1024 == 0 ? (mib / 1024) + "Gi" : mib + "Mi";
    }
}
