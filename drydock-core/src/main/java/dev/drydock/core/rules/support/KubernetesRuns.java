package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeProbe;
import dev.drydock.core.kubernetes.KubeSecurity;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.kubernetes.LeafSpec;
import dev.drydock.core.kubernetes.LeafSpecs;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DevelopmentStages;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A container of a Kubernetes workload that runs an image the project builds, as the project model links them: as its
 * manifest writes it, or as a leaf kustomization deploys it ({@link #deployed}).
 *
 * @param workload the Deployment, StatefulSet, Job... that runs it
 * @param container the container of its pod template
 * @param leaf the folder of the leaf kustomization whose securityContexts it holds, or null for the manifest's own
 */
public record KubernetesRuns(KubeWorkload workload, KubeContainer container, String leaf) {

    /** The container as its manifest writes it. */
    public KubernetesRuns(KubeWorkload workload, KubeContainer container) {
        this(workload, container, null);
    }

    /**
     * What the leaves deploy of a container: one run per distinct securityContext they give it (and its pod),
     * {@code complete} when drydock can tell what every leaf deploys.
     */
    public record Deployed(List<KubernetesRuns> runs, boolean complete) {}

    /** Every container of the project's Kubernetes manifests that runs the image the container's build makes. */
    public static List<KubernetesRuns> of(ReviewContext context, Container c) {
        BuildLink build = c.build();
        return build == null ? List.of() : of(context, build.dockerfile(), build.model(), build.stage());
    }

    /** Every container of the project's Kubernetes manifests that runs the image. */
    public static List<KubernetesRuns> of(ReviewContext context, BuiltImage image) {
        return of(context, image.dockerfile(), image.model(), image.stage());
    }

    /**
     * Every container of the project's Kubernetes manifests that runs the image a Dockerfile builds up to the stage:
     * linked to that Dockerfile and that stage ({@link KubeContainer#stage()}); where the link leaves the stage open,
     * any stage but a development or test one ({@link DevelopmentStages}: {@code target: dev} of a compose file, a dev
     * container's), which no deployment runs. Every stage of a Dockerfile with only one.
     */
    public static List<KubernetesRuns> of(ReviewContext context, String dockerfile, DockerfileModel model,
            Stage stage) {
        return context.project().kubernetesWorkloads().stream()
                .flatMap(w -> w.containers().stream()
                        .filter(c -> dockerfile.equals(c.dockerfile()) && runsStage(c, model, stage))
                        .map(c -> new KubernetesRuns(w, c)))
                .toList();
    }

    private static boolean runsStage(KubeContainer c, DockerfileModel model, Stage stage) {
        if (model == null || stage == null || model.stages().size() < 2) {
            return true;
        }
        return c.stage() != null ? c.stage() == stage.index() : !DevelopmentStages.named(stage.name());
    }

    /**
     * The container as the leaf kustomizations deploy it, its securityContext and its pod's patched by their overlays
     * ({@link LeafSpecs}); the manifest's own when no kustomization lists it.
     */
    public Deployed deployed(ReviewContext context) {
        List<KubernetesRuns> runs = new ArrayList<>();
        List<LeafSpec> specs = LeafSpecs.of(KustomizeOverlays.tree(context), p -> KustomizeOverlays.patch(context, p),
                workload, container);
        List<KubeSecurity> seen = new ArrayList<>();
        for (LeafSpec spec : specs) {
            if (spec.known() && !seen.contains(spec.security())) {
                seen.add(spec.security());
                runs.add(new KubernetesRuns(spec.workload(workload), spec.container(container), spec.leaf()));
            }
        }
        return new Deployed(runs, specs.stream().allMatch(LeafSpec::known));
    }

    /**
     * The container as the leaves deploy it when every one of them deploys what {@code problem} looks for (the policy
     * of the checks of a securityContext: a finding holds only where no overlay fixes it): the one that keeps the
     * manifest's own settings if any does, else the first; empty when a leaf does not or drydock cannot tell what one
     * deploys.
     */
    public Optional<KubernetesRuns> everyLeaf(ReviewContext context, Predicate<KubernetesRuns> problem) {
        Deployed deployed = deployed(context);
        if (!deployed.complete() || deployed.runs().isEmpty() || !deployed.runs().stream().allMatch(problem)) {
            return Optional.empty();
        }
        return deployed.runs().stream().filter(r -> r.security().files().isEmpty()).findFirst()
                .or(() -> Optional.of(deployed.runs().get(0)));
    }

    /**
     * The container as each leaf kustomization deploys its resources ({@link LeafSpecs}), one run per leaf (the
     * manifest's own when no kustomization lists it); empty when drydock cannot tell what a leaf deploys.
     */
    public Optional<List<KubernetesRuns>> resourcesByLeaf(ReviewContext context) {
        List<LeafSpec> specs = LeafSpecs.of(KustomizeOverlays.tree(context), p -> KustomizeOverlays.patch(context, p),
                workload, container);
        if (specs.stream().anyMatch(s -> s.resources() == null)) {
            return Optional.empty();
        }
        return Optional.of(specs.stream().map(s -> new KubernetesRuns(workload,
                container.withResources(s.resources()), s.leaf())).toList());
    }

    /** The securityContext settings in effect for the container: its own over the pod's. */
    public KubeSecurity security() {
        return workload.security(container);
    }

    /**
     * Whether the container runs for long as the image's service: not an init container's, a Job's or a CronJob's
     * (which run to completion and need no probes; Kubernetes rejects probes on an init container), and either runs
     * the image's own program ({@link #runsImageProgram}) or has a liveness or readiness probe, by which the manifest
     * itself treats it as a service. A container with another command and no probe is a worker or a migration
     * started from the same image.
     *
     * @param imageArgv the command the image runs (its ENTRYPOINT and CMD), empty when unknown
     */
    public boolean runsImageService(List<String> imageArgv) {
        return !runsToCompletion() && (runsImageProgram(imageArgv) || container.liveness() != null
                || container.readiness() != null);
    }

    /**
     * Whether the container starts the image's own program: with the image's entrypoint, or with a command whose
     * program is the image's ({@code ./podinfo --port=9898} for {@code CMD ["./podinfo"]}; a shell is no program of
     * its own, since what it runs differs).
     */
    public boolean runsImageProgram(List<String> imageArgv) {
        if (container.command().isEmpty()) {
            return true;
        }
        if (imageArgv.isEmpty()) {
            return false;
        }
        String program = program(imageArgv.get(0));
        return !SHELLS.contains(program) && program.equals(program(container.command().get(0)));
    }

    private static final java.util.Set<String> SHELLS = java.util.Set.of("sh", "bash", "ash", "dash", "zsh");

    /** {@code podinfo} for {@code ./podinfo} or {@code /home/app/podinfo}. */
    private static String program(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
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
        return "runAsUser: " + runAsUser() + " (" + where("runAsUser", security().runAsUserLine()) + ")";
    }

    /**
     * {@code Deployment api (k8s/api.yaml) runs its container api as uid 10001 (runAsUser at line 16)}; with the leaf
     * that deploys it and the overlay's patch that sets the uid where they apply.
     */
    public String runsAsUser() {
        String file = file("runAsUser");
        int line = security().runAsUserLine();
        String setting = file.equals(workload.file()) && line > 0 ? "at line " + line
                : (line > 0 ? "at " : "in ") + where("runAsUser", line);
        return workload.kind() + (workload.name() == null ? "" : " " + workload.name()) + " (" + workload.file()
                + ") runs its " + (container.init() ? "init container " : "container ") + container.name() + " as uid "
                + runAsUser() + (leaf == null ? "" : " where " + leaf + " deploys it") + " (runAsUser " + setting + ")";
    }

    /** {@code runAsNonRoot: true (k8s/deployment.yaml line 22)}. */
    public String runAsNonRootSetting() {
        return "runAsNonRoot: true (" + where("runAsNonRoot", security().runAsNonRootLine()) + ")";
    }

    /**
     * The container's probes that request a path of its server, by what they check (liveness, readiness, startup):
     * httpGet probes, and exec probes that call it with curl, wget or podcli.
     */
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
     * Whether the manifest may move the image's server to another port: args of its own (they replace the CMD) or
     * options after its command's program, an envFrom whose variables drydock cannot read, or an env variable named
     * like a port or address setting or like {@code variable} (the one the application's code reads its port from, or null).
     */
    public boolean mayMoveServer(String variable) {
        return !container.args().isEmpty() || container.command().size() > 1 || container.envFrom() || container.environment().stream()
                .anyMatch(name -> name.equals(variable) || PORT_VARIABLE.matcher(name).matches());
    }

    /**
     * The port the manifest moves the image's server to by giving {@code variable}, the one the server reads its port
     * from, a number in its env; empty when it does not, or when something else may move the server too (args, an
     * envFrom, another variable named like a port or address setting).
     */
    public Optional<Integer> portSetBy(String variable) {
        if (variable == null || !container.args().isEmpty() || container.command().size() > 1 || container.envFrom()
                || container.environment().stream().anyMatch(name -> !name.equals(variable)
                        && PORT_VARIABLE.matcher(name).matches())) {
            return Optional.empty();
        }
        String value = null;
        for (var entry : container.values()) { // the last entry of a name is the one the container gets
            if (entry.name().equals(variable)) {
                value = entry.value();
            }
        }
        return value == null || !value.strip().matches("\\d{1,5}") || Integer.parseInt(value.strip()) == 0
                ? Optional.empty() : Optional.of(Integer.valueOf(value.strip()));
    }

    /** A port the manifest moves the image's server to, and the env setting that moves it ({@code ASPNETCORE_URLS=http://+:5080}). */
    public record MovedPort(int port, String setting) {}

    private static final java.util.regex.Pattern HTTP_URL_PORT = java.util.regex.Pattern.compile(
            "(?i)http://[^/:;]+:(\\d{1,5})/?");

    /**
     * The port the manifest moves Kestrel to with ASPNETCORE_URLS, which replaces the ASPNETCORE_HTTP_PORTS the image
     * sets ({@code variable}): one plain http URL with a literal port, and nothing else that may move the server (args,
     * an envFrom, DOTNET_URLS or another port or address variable but the image's own); empty otherwise.
     */
    public Optional<MovedPort> kestrelUrlsPort(String variable) {
        if (!"ASPNETCORE_HTTP_PORTS".equals(variable) || !container.args().isEmpty() || container.command().size() > 1
                || container.envFrom() || container.environment().stream().anyMatch(name -> !name.equals(variable)
                        && !name.equals("ASPNETCORE_URLS") && PORT_VARIABLE.matcher(name).matches())) {
            return Optional.empty();
        }
        String value = null;
        for (var entry : container.values()) { // the last entry of a name is the one the container gets
            if (entry.name().equals("ASPNETCORE_URLS")) {
                value = entry.value();
            }
        }
        java.util.regex.Matcher m = value == null ? null : HTTP_URL_PORT.matcher(value.strip());
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) == 0) {
            return Optional.empty();
        }
        return Optional.of(new MovedPort(Integer.parseInt(m.group(1)), "ASPNETCORE_URLS=" + value.strip()));
    }

    private static void putHttp(Map<String, KubeProbe> into, String kind, KubeProbe probe) {
        if (probe != null && (probe.kind().equals("httpGet") || probe.kind().equals("exec")) && probe.path() != null
                && probe.path().startsWith("/")) {
            into.put(kind, probe);
        }
    }

    /** Whether Kubernetes both restarts the container when it hangs and holds traffic back until it is ready. */
    public boolean probesLivenessAndReadiness() {
        return container.liveness() != null && container.readiness() != null;
    }

    /** {@code k8s/deployment.yaml (Deployment web, container api)}, {@code ... as overlays/prod deploys it}. */
    public String describe() {
        return workload.describe(container) + (leaf == null ? "" : " as " + leaf + " deploys it");
    }

    /** {@code k8s/deployment.yaml line 31}, where a securityContext setting ({@link KubeSecurity#SETTINGS}) is written. */
    public String where(String setting, int line) {
        return file(setting) + (line > 0 ? " line " + line : "");
    }

    /** The file that writes the securityContext setting: the manifest, or the overlay's patch that sets it. */
    public String file(String setting) {
        return security().file(setting, workload.file());
    }
}
