package dev.drydock.core.rules.support;

import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeProbe;
import dev.drydock.core.review.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How the Kubernetes workloads that run an image check its health, for an image without HEALTHCHECK that no compose
 * file runs. Kubernetes ignores HEALTHCHECK and probes from the pod's own livenessProbe and readinessProbe: with both
 * in every workload, the image's HEALTHCHECK only matters to `docker run` (info); with one of them, half of that
 * checking is missing (low); a workload without either leaves the container unchecked where it really runs (medium,
 * and the place to add the probes is the manifest).
 *
 * @param runs the containers of the manifests that run the image, at least one
 */
public record KubernetesHealth(List<KubernetesRuns> runs, List<String> unservedPaths) {

    public KubernetesHealth {
        runs = List.copyOf(runs);
        unservedPaths = List.copyOf(unservedPaths);
    }

    /**
     * @param unservedPaths the paths the manifests' httpGet probes request that the application does not serve, which
     *     healthcheck-endpoint-missing reports: the message points there and the recommendation asks none of them
     */
    public static KubernetesHealth of(List<KubernetesRuns> runs, List<String> unservedPaths) {
        return new KubernetesHealth(runs, unservedPaths);
    }

    /**
     * How much the missing HEALTHCHECK matters beside the manifests' probes. A probe of a path the application does
     * not serve still counts as a probe here: its failing is healthcheck-endpoint-missing's finding, which this one
     * only points to rather than reporting it a second time.
     */
    public Severity severity() {
        if (runs.stream().allMatch(KubernetesRuns::probesLivenessAndReadiness)) {
            return Severity.INFO;
        }
        return runs.stream().anyMatch(r -> r.container().liveness() == null && r.container().readiness() == null)
                ? Severity.MEDIUM : Severity.LOW;
    }

    public String message() {
        List<String> parts = new ArrayList<>();
        for (KubernetesRuns run : runs) {
            KubeContainer c = run.container();
            List<String> probes = new ArrayList<>();
            addProbe(probes, "liveness", c.liveness(), c);
            addProbe(probes, "readiness", c.readiness(), c);
            String missing = c.liveness() == null && c.readiness() == null ? "no liveness or readiness probe"
                    : c.liveness() == null ? "no livenessProbe, so a hung container is never restarted"
                    : c.readiness() == null ? "no readinessProbe, so traffic reaches it before it is ready" : null;
            parts.add(run.describe() + (probes.isEmpty() ? "" : " checks " + String.join(" and ", probes))
                    + (missing == null ? "" : (probes.isEmpty() ? " has " : " but has ") + missing));
        }
        String tail = severity() == Severity.INFO
                ? ": Kubernetes ignores HEALTHCHECK and relies on these probes, so the image's HEALTHCHECK only counts"
                        + " where it is started with docker run, Compose or Swarm"
                : ": Kubernetes ignores HEALTHCHECK and checks the container only with the manifest's probes";
        if (!unservedPaths.isEmpty()) {
            tail += " (healthcheck-endpoint-missing reports the path " + String.join(" and ", unservedPaths)
                    + " they request)";
        }
        return "no compose file of the project runs the image; " + String.join("; ", parts) + tail;
    }

    /**
     * The recommendation for the image, with what to add to the manifests first where they lack probes; {@code planned}
     * is the path the recommended HEALTHCHECK asks (null when it asks none).
     */
    public String recommendation(String forImage, String planned) {
        List<String> lacking = runs.stream().filter(r -> !r.probesLivenessAndReadiness())
                .map(r -> (r.container().liveness() != null ? "a readinessProbe"
                        : r.container().readiness() != null ? "a livenessProbe" : "a livenessProbe and a readinessProbe")
                        + " to " + r.workload().file() + " (container " + r.container().name() + ")")
                .distinct().toList();
        String path = runs.stream().map(KubernetesRuns::container)
                .flatMap(c -> java.util.stream.Stream.of(c.liveness(), c.readiness(), c.startup()))
                .filter(p -> p != null && (p.kind().equals("httpGet") || p.kind().equals("exec")) && p.path() != null)
                .map(KubeProbe::path).filter(p -> !unservedPaths.contains(p)).findFirst().orElse(null);
        if (lacking.isEmpty()) {
            return (unservedPaths.isEmpty() ? "Nothing is missing under Kubernetes"
                    : "Under Kubernetes, see healthcheck-endpoint-missing for the probes' path")
                    + ". For `docker run` and Compose users of the image, " 
                    + lowerFirst(forImage) + (path == null || path.equals(planned) ? ""
                            : planned == null ? " Probe the path the manifest's probes request (" + path + ")."
                            : " The manifest's probes request " + path + "; the HEALTHCHECK asks " + planned
                                    + ", the application's own health endpoint, which it answers wherever it runs.");
        }
        return "Add " + String.join(", ", lacking) + " (Kubernetes ignores"
                + " HEALTHCHECK)" + (path == null ? "" : ", requesting " + path + " as the manifest's probe does")
                + ". For `docker run` and Compose, " + lowerFirst(forImage);
    }

    private static void addProbe(List<String> into, String what, KubeProbe probe, KubeContainer c) {
        if (probe != null) {
            Integer named = probe.port() == null || probe.port().matches("[0-9]+") ? null : c.resolve(probe.port());
            into.add(what + " (" + probe.describe() + (named == null ? "" : ", containerPort " + named) + ")");
        }
    }

    /**
     * A probe of the manifests whose path and port a HEALTHCHECK of the image can ask for when the application's own
     * routes name no health endpoint.
     *
     * @param kind liveness, readiness or startup
     * @param port the port number it requests (a named port resolved through the container's ports), or null
     */
    public record Target(KubernetesRuns run, String kind, KubeProbe probe, Integer port) {

        public String path() {
            return probe.path();
        }

        /** {@code the livenessProbe of k8s/catalog.yaml (Deployment catalog, container web)}. */
        public String describe() {
            return "the " + kind + "Probe of " + run.describe();
        }
    }

    /**
     * The probe whose path and port a HEALTHCHECK can take: the liveness probe first, as it means what Docker's
     * health state means (a container that stops answering is unhealthy and gets restarted), else the readiness probe,
     * else the startup probe; only plain HTTP ones (an HTTPS probe's server takes TLS, which the image's probe would
     * have to know), and only those {@code usable} accepts (one a kustomize overlay replaces, or of a path the
     * application does not serve, is not).
     */
    public static Optional<Target> target(List<KubernetesRuns> runs, Predicate<Target> usable) {
        for (String kind : List.of("liveness", "readiness", "startup")) {
            for (KubernetesRuns run : runs) {
                KubeProbe probe = run.httpProbes().get(kind);
                Target target = probe == null || probe.https() ? null
                        : new Target(run, kind, probe, run.container().resolve(probe.port()));
                if (target != null && usable.test(target)) {
                    return Optional.of(target);
                }
            }
        }
        return Optional.empty();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
