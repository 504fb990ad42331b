package dev.drydock.core.rules.support;

import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeSecurity;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.kubernetes.KubeProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container of a Kubernetes workload that runs an image the project builds, as the project model links them.
 *
 * @param workload the Deployment, StatefulSet, Job... that runs it
 * @param container the container of its pod template
 */
public record KubernetesRuns(KubeWorkload workload, KubeContainer container) {

    /** Every container of the project's Kubernetes manifests that runs the image a Dockerfile builds. */
    public static List<KubernetesRuns> of(ReviewContext context, String dockerfile) {
        return context.project().kubernetesWorkloads().stream()
                .flatMap(w -> w.containers().stream().filter(c -> dockerfile.equals(c.dockerfile()))
                        .map(c -> new KubernetesRuns(w, c)))
                .toList();
    }

    /** The securityContext settings in effect for the container: its own over the pod's. */
    public KubeSecurity security() {
        return workload.security(container);
    }

    /**
     * Whether the container runs for long with the image's own entrypoint: not an init container's, a Job's or a
     * CronJob's (which run to completion and need no probes; Kubernetes rejects probes on an init container) and not
     * with a command of its own (a worker or a migration started from the same image).
     */
    public boolean runsImageService() {
        return !runsToCompletion() && container.command().isEmpty();
    }

    /** Whether the container ends by design: an init container, or one of a Job's or a CronJob's pods. */
    public boolean runsToCompletion() {
        return container.init() || workload.runsToCompletion();
    }

    /** The uid the container runs as under Kubernetes when its securityContext sets one, else null. */
    public Long runAsUser() {
        return security().runAsUser();
    }

    /** Whether the securityContext requires a non-root user (runAsNonRoot: true) without naming one. */
    public boolean requiresNonRootWithoutUser() {
        return Boolean.TRUE.equals(security().runAsNonRoot()) && security().runAsUser() == null;
    }

    /** {@code runAsUser: 10001 (k8s/deployment.yaml line 24)}. */
    public String runAsUserSetting() {
        return "runAsUser: " + runAsUser() + " (" + where(security().runAsUserLine()) + ")";
    }

    /** {@code runAsNonRoot: true (k8s/deployment.yaml line 22)}. */
    public String runAsNonRootSetting() {
        return "runAsNonRoot: true (" + where(security().runAsNonRootLine()) + ")";
    }

    /** The container's httpGet probes with a path, by what they check: liveness, readiness, startup. */
    public Map<String, KubeProbe> httpProbes() {
        Map<String, KubeProbe> probes = new LinkedHashMap<>();
        putHttp(probes, "liveness", container.liveness());
        putHttp(probes, "readiness", container.readiness());
        putHttp(probes, "startup", container.startup());
        return probes;
    }

    /** The container's probes that connect to a port (httpGet, tcpSocket), by what they check. */
    public Map<String, KubeProbe> portProbes() {
        return portProbes(container);
    }

    /** The probes of a container that connect to a port (httpGet, tcpSocket), by what they check. */
    public static Map<String, KubeProbe> portProbes(KubeContainer container) {
        Map<String, KubeProbe> probes = new LinkedHashMap<>();
        putPort(probes, "liveness", container.liveness());
        putPort(probes, "readiness", container.readiness());
        putPort(probes, "startup", container.startup());
        return probes;
    }

    private static void putPort(Map<String, KubeProbe> into, String kind, KubeProbe probe) {
        if (probe != null && (probe.kind().equals("httpGet") || probe.kind().equals("tcpSocket"))) {
            into.put(kind, probe);
        }
    }

    /** Variable names that commonly move a server to another port or address. */
    private static final java.util.regex.Pattern PORT_VARIABLE = java.util.regex.Pattern.compile(
            "(?i).*(PORT|LISTEN|BIND|ADDR|URLS|CMD_ARGS|OPTS|OPTIONS).*");

    /**
     * Whether the manifest may move the image's server to another port: args of its own (they replace the CMD), an
     * envFrom whose variables drydock cannot read, or an env variable named like a port or address setting or like
     * {@code variable} (the one the application's code reads its port from, or null).
     */
    public boolean mayMoveServer(String variable) {
        return !container.args().isEmpty() || container.envFrom() || container.environment().stream()
                .anyMatch(name -> name.equals(variable) || PORT_VARIABLE.matcher(name).matches());
    }

    private static void putHttp(Map<String, KubeProbe> into, String kind, KubeProbe probe) {
        if (probe != null && probe.kind().equals("httpGet") && probe.path() != null && probe.path().startsWith("/")) {
            into.put(kind, probe);
        }
    }

    /** Whether Kubernetes both restarts the container when it hangs and holds traffic back until it is ready. */
    public boolean probesLivenessAndReadiness() {
        return container.liveness() != null && container.readiness() != null;
    }

    /** {@code k8s/deployment.yaml (Deployment web, container api)}. */
    public String describe() {
        return workload.describe(container);
    }

    /** {@code k8s/deployment.yaml line 31}, where a securityContext setting is written. */
    public String where(int line) {
        return workload.file() + (line > 0 ? " line " + line : "");
    }
}
