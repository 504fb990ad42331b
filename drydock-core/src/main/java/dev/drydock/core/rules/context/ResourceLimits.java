package dev.drydock.core.rules.context;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.app.MemoryLimitTooLow;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.KubernetesLimits;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.ModelDownloads;
import dev.drydock.core.rules.support.ModelServers;
import dev.drydock.core.rules.support.ModelWeights;
import dev.drydock.core.rules.support.StoreMemory;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.dockerfile.model.BaseImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

@RuleDefinition(
        id = "resource-limits",
        title = "A compose service or Kubernetes container has no memory or CPU limit",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The memory limit of every compose service (deploy.resources.limits.memory or mem_limit), with its"
                + " CPU limit and reservations. A strength where a memory limit is set (qualified"
                + " in a review where memory-limit-too-low reports it below what the service needs); a finding where a service"
                + " declared in a file that is not a development file (compose.override.yml, *.dev.yml, *.local.yml,"
                + " *.test.yml, a file that builds a development stage) has none, unless it is a job that another"
                + " service waits to complete (condition: service_completed_successfully), a one-off task by its name or"
                + " command (migrate, seed, `alembic upgrade head`, as restart-policy reads them) that compose does not"
                + " restart whenever it ends (restart: always or unless-stopped), or one `docker compose up`"
                + " never starts (`deploy.replicas: 0`, `scale: 0`), and a low one where it has a memory limit but no CPU limit (deploy cpus or"
                + " cpus). Findings point at deploy.resources.limits, or the part of that path the service has; services"
                + " that take their image from one YAML anchor (`<<: *defaults`) and lack a limit get one finding"
                + " there, naming them all."
                + " For a service that serves a model (an inference server's image such as vLLM, text-generation-inference"
                + " or Ollama, a GPU reservation, or an application that loads torch, transformers or another"
                + " machine-learning package) the advice sizes the limit for the model and places it beside the GPU"
                + " reservation: from the weights of the model its command (or text-generation-inference's MODEL_ID)"
                + " names when the name gives its parameter count (2 bytes a parameter, 1 at 8 bits, half at 4),"
                + " else how to size it from the model's files or `ollama ps`. For a store or a JVM it sizes the limit from their settings: the heap of a JVM (-Xmx in"
                + " JAVA_OPTS, JAVA_TOOL_OPTIONS, _JAVA_OPTIONS, JVM_OPTS or the command; ES_JAVA_OPTS,"
                + " OPENSEARCH_JAVA_OPTS, KAFKA_HEAP_OPTS) with room beside it, SQL Server's 2,000 MB, four times"
                + " PostgreSQL's shared_buffers (from `-c shared_buffers=`, else 128MB; 1G at least), twice Redis's or"
                + " Valkey's `--maxmemory`; for ClickHouse, Redis without maxmemory and a JVM sized by"
                + " MaxRAMPercentage it says what to measure, and for any other service how to measure the limit with"
                + " `docker stats`, never one size for all."
                + " Whether the limit is large enough is memory-limit-too-low's question."
                + " A Kubernetes container of an image the project builds, in a Deployment, StatefulSet, DaemonSet or"
                + " Pod (not an init container, a Job's or a CronJob's), is a finding when no leaf kustomization that is"
                + " not a development overlay deploys it with resources.limits.memory (after the overlays' patches),"
                + " at the container's entry, or at the patch that removes its limit; none when a manifest of the"
                + " project holds a LimitRange that gives containers a default memory limit. Its advice is sized"
                + " the same way, from the container's image (or the image its Dockerfile starts from), env and"
                + " args, else a starting point to tune with `kubectl top pod`.",
        problem = "Without a memory limit a container may take all of the host's memory; the kernel's OOM killer then"
                + " ends whichever process it picks, possibly another service or the Docker daemon.",
        impact = "One leak or load spike takes down every service on the host instead of restarting one container.",
        recommendation = "Set deploy.resources.limits.memory (and cpus) on every long-running service, sized from"
                + " `docker stats` under realistic load, with reservations for what the service needs to start; under"
                + " Kubernetes, resources.limits.memory and resources.requests of the container, sized from"
                + " `kubectl top pod`.",
        references = {
                "https://docs.docker.com/reference/compose-file/deploy/#resources",
                "https://docs.docker.com/engine/containers/resource_constraints/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-7-limit-resources-memory-cpu-file-descriptors-processes-restarts"},
        aliases = {"Memory Not Limited", "Cpus Not Limited"},
        fix = FixSafety.SUGGESTION,
        effort = "15 min",
        strength = "Resource limits",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                        """,
                good = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                            deploy:
                              resources:
                                limits:
                                  cpus: "1.0"
                                  memory: 512M
                        """))
public final class ResourceLimits implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<ComposeServices.Ref> limited = new ArrayList<>();
        List<ComposeServices.Ref> unlimited = new ArrayList<>();
        List<ComposeServices.Ref> noCpuLimit = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (service.memoryLimit() != null) {
                limited.add(ref);
                if (service.cpuLimit() == null && !ref.inDevelopmentFile()) {
                    noCpuLimit.add(ref);
                }
            } else if (!ref.inDevelopmentFile() && !ComposeServices.scaledToZero(service)
                    && !ComposeServices.awaitedToComplete(context, ref.compose()).contains(ref.name())
                    && !OneShotJobs.composeTask(service)) {
                unlimited.add(ref);
            }
        }
        List<Limit> limits = limited.stream().map(ResourceLimits::limit).toList();
        for (List<Limit> atOnePlace : ComposeServices.byLocation(limits, Limit::at)) {
            Map<String, List<Limit>> byText = atOnePlace.stream().collect(Collectors.groupingBy(Limit::text,
                    LinkedHashMap::new, Collectors.toList()));
            byText.forEach((text, group) -> {
                List<ComposeServices.Ref> refs = group.stream().map(Limit::ref).toList();
                context.strength(this, group.get(0).at(), names(refs) + (several(refs) ? " are" : " is") + text
                        + (several(refs) ? "any of them" : "it") + " cannot starve the rest of the host");
            });
        }
        for (List<ComposeServices.Ref> group : ComposeServices.byLocation(unlimited, ref -> whereLimitsGo(context, ref))) {
            ComposeServices.Ref first = group.get(0);
            boolean shared = several(group);
            context.finding(this, where(context, group), names(group) + " (" + first.file() + ") " + (shared ? "have" : "has")
                            + " no memory limit" + (first.service().cpuLimit() != null ? " (only a CPU limit)" : "")
                            + ": a leak or a load spike in " + (shared ? "one of them" : "it") + " can use all of the"
                            + " host's memory, and the OOM killer then ends whichever process it picks")
                    .implicit()
                    .recommendation(recommendation(context, group))
                    .add();
        }
        for (List<ComposeServices.Ref> group : ComposeServices.byLocation(noCpuLimit, ref -> whereLimitsGo(context, ref))) {
            ComposeServices.Ref first = group.get(0);
            boolean shared = several(group);
            context.finding(this, where(context, group), names(group) + " (" + first.file() + ") " + (shared ? "have" : "has")
                            + " a memory limit but no CPU limit: a busy loop or a load spike in " + (shared ? "one of"
                            + " them" : "it") + " can take every core of the host and slow down the other services")
                    .severity(Severity.LOW)
                    .implicit()
                    .recommendation("Add `cpus: '1.0'` under deploy.resources.limits of " + target(context, group)
                            + " (or `cpus: 1.0` beside mem_limit), sized from `docker stats` under load.")
                    .add();
        }
        kubernetes(context);
    }

    /**
     * The Kubernetes containers of the images the project builds that no leaf deploys with a memory limit, at the
     * container's entry in its manifest, or at the overlay's patch that removes the manifest's limit.
     */
    private void kubernetes(ReviewContext context) {
        for (KubernetesLimits.Unlimited u : KubernetesLimits.unlimited(context)) {
            KubernetesRuns run = u.run();
            String file = u.removal() != null && u.removal().file() != null ? u.removal().file()
                    : run.workload().file();
            int line = u.removal() != null && u.removal().file() != null ? Math.max(1, u.removal().line())
                    : run.container().line();
            var source = context.project().source(file);
            if (source.isEmpty() || line <= 0) {
                continue;
            }
            boolean removed = u.removal() != null && u.removal().file() != null;
            context.finding(this, new Location(file, source.get().lines(line, line)), run.describe()
                            + " has no memory limit" + (removed ? " (" + u.removal().where(file) + " removes it"
                            + (u.cpuLimited() ? "; only a CPU limit)" : ")") : u.cpuLimited() ? " (only a CPU limit)"
                            : "") + ": a leak or a load spike in it can use all of the node's memory, and the"
                            + " kernel's OOM killer or the kubelet's eviction then ends other pods on that node")
                    .implicit()
                    .recommendation(removed ? "Keep the memory limit of " + run.workload().file() + ": drop the"
                            + " removal at " + u.removal().where(file) + ", or set the limit the overlay wants there"
                            + " (" + kubernetesSize(context, run) + ")."
                            : kubernetesRecommendation(context, run))
                    .add();
        }
    }

    /**
     * The resources to add: the model estimate's, else sized from what the container's image, env and args say it
     * needs ({@link StoreMemory}), else a starting point (512Mi, 256Mi requested, 1 CPU) and how to measure it.
     */
    private static String kubernetesRecommendation(ReviewContext context, KubernetesRuns run) {
        Optional<MemoryLimitTooLow.Estimate> estimate = run.container().command().isEmpty()
                && run.container().args().isEmpty() ? context.builtContainers().stream()
                        .filter(c -> c.build() != null && run.container().dockerfile().equals(c.build().dockerfile()))
                        .findFirst().flatMap(c -> MemoryLimitTooLow.estimate(context, c)) : Optional.empty();
        String where = "Add to container " + run.container().name() + " in " + run.workload().file() + ": ";
        if (estimate.isPresent()) {
            String memory = KubernetesLimits.quantity(estimate.get().suggestedMib());
            return where + "`resources: {requests: {memory: " + memory + "}, limits: {memory: " + memory + "}}`"
                    + " (drydock's floor for these packages with a typical model, plus 25%). It loads "
                    + estimate.get().packages() + " in " + estimate.get().processes() + ": the model's weights pass"
                    + " through memory while they load, so a limit sized for a small web service kills it before"
                    + " it serves; measure with `kubectl top pod` once the model has loaded and keep a few GiB of"
                    + " headroom.";
        }
        return where + kubernetesSize(context, run) + ".";
    }

    /**
     * The resources of a container without a memory limit, sized from its settings where {@link StoreMemory} knows
     * them (requests as much as the limit: the scheduler then places it where that memory is free), else a starting
     * point with how to tune it from {@code kubectl top pod}.
     */
    private static String kubernetesSize(ReviewContext context, KubernetesRuns run) {
        StoreMemory.Workload workload = StoreMemory.Workload.of(run.container(), builtOn(context, run.container()));
        Optional<StoreMemory.Need> need = StoreMemory.toRecommend(workload);
        if (need.isPresent()) {
            String memory = KubernetesLimits.quantity(need.get().suggestedMib());
            return "`resources: {requests: {memory: " + memory + "}, limits: {memory: " + memory + "}}` ("
                    + need.get().reason() + "), checked against `kubectl top pod` under load";
        }
        return "`resources: {requests: {memory: 256Mi, cpu: 250m}, limits: {memory: 512Mi, cpu: '1'}}` as a"
                + " starting point, then set limits.memory to the highest MEMORY(bytes) of " + run.container().name()
                + " in `kubectl top pod --containers` under realistic load plus a third, and requests to what it"
                + " uses at rest"
                + StoreMemory.howToSize(workload).map(h -> " (" + h + ")").orElse("");
    }

    /** The image the Dockerfile that builds a Kubernetes container's image starts from, if it names one. */
    private static Optional<String> builtOn(ReviewContext context, KubeContainer container) {
        return BuiltImage.of(context).stream().filter(image -> image.dockerfile().equals(container.dockerfile())
                        && (container.stage() == null || container.stage() == image.stage().index()))
                .findFirst().flatMap(image -> familiarName(image.rootBase()));
    }

    /**
     * The limit to add: sized from what the service's settings say it needs (a store's or a JVM's, {@link StoreMemory})
     * where drydock knows, else how to measure it, never one size for every service.
     */
    private static String recommendation(ReviewContext context, List<ComposeServices.Ref> group) {
        ComposeServices.Ref first = group.get(0);
        boolean shared = several(group);
        Optional<String> model = shared ? Optional.empty() : modelRecommendation(context, first);
        if (model.isPresent()) {
            return model.get();
        }
        StoreMemory.Workload workload = StoreMemory.Workload.of(first.service(), builtOn(context, first));
        Optional<StoreMemory.Need> need = shared ? Optional.empty() : StoreMemory.toRecommend(workload);
        if (need.isPresent()) {
            return "Add to " + first.name() + " in " + first.file() + ": `deploy: {resources: {limits: {memory: "
                    + StoreMemory.size(need.get().suggestedMib()) + "}, reservations: {memory: "
                    + StoreMemory.size(need.get().suggestedMib() / 2) + "}}}` (" + need.get().reason() + "), and check"
                    + " it against `docker stats` under load.";
        }
        String measured = "Add to " + target(context, group) + " in " + first.file() + ": `deploy: {resources: {limits:"
                + " {memory: 512M, cpus: '1.0'}}}` as a starting point, then set memory to the"
                + " highest MEM USAGE of " + (shared ? "each of them" : first.name()) + " in `docker stats` under"
                + " realistic load plus a third, and cpus to its CPU % / 100";
        if (shared) {
            List<String> known = group.stream().flatMap(ref -> StoreMemory.toRecommend(ref.service()).map(n -> ref.name()
                    + " needs " + StoreMemory.size(n.suggestedMib()) + " (" + n.reason() + ")").stream()).toList();
            return measured + "; a service that needs more sets its own" + (known.isEmpty() ? "" : ": "
                    + String.join("; ", known)) + ".";
        }
        return measured + StoreMemory.howToSize(workload).map(h -> " (" + h + ")").orElse("") + ".";
    }

    /** The image the Dockerfile a service builds starts from (the root stage of its target), if it names one. */
    private static Optional<String> builtOn(ReviewContext context, ComposeServices.Ref ref) {
        return context.project().containers().stream()
                .filter(c -> c.service() == ref.service() && c.build() != null && c.build().stage() != null)
                .findFirst().flatMap(c -> familiarName(Stages.rootBase(c.build().model(), c.build().stage())));
    }

    private static Optional<String> familiarName(BaseImage base) {
        return base instanceof BaseImage.External external && external.reference() != null
                && external.reference().isImage() ? Optional.of(external.reference().familiarName())
                : Optional.empty();
    }

    /**
     * The advice for a service that serves a model (a known inference server's image, a GPU reservation, or an
     * application that loads machine-learning packages): a limit sized for the model, not for a small web
     * service, written beside its GPU reservation rather than over it. Sized from the weights of the model it names
     * where its name gives their size ({@link ModelWeights}), else from drydock's floor for the packages an
     * application loads, else how to size it from the model's files.
     */
    private static Optional<String> modelRecommendation(ReviewContext context, ComposeServices.Ref ref) {
        Service service = ref.service();
        Optional<String> server = ModelServers.of(service);
        boolean gpu = ModelServers.requestsGpu(service.node());
        Optional<Container> container = context.project().containers().stream()
                .filter(c -> c.service() == service || (c.isComposeService() && c.name().equals(ref.name())))
                .findFirst();
        Optional<MemoryLimitTooLow.Estimate> estimate = container.flatMap(c -> MemoryLimitTooLow.estimate(context, c));
        if (server.isEmpty() && !gpu && estimate.isEmpty()) {
            return Optional.empty();
        }
        String loads = server.map(s -> "runs " + s).orElse(estimate.map(e -> "loads " + e.packages() + " in "
                + e.processes()).orElse("asks for a GPU"));
        Optional<String> model = container.flatMap(c -> ModelDownloads.loaded(context, c));
        Optional<ModelWeights> weights = model.flatMap(ModelWeights::of);
        String memory = null;
        String basis = "";
        if (weights.isPresent()) {
            ModelWeights w = weights.get();
            memory = (w.gib() + MODEL_HEADROOM_GIB) + "G";
            basis = " (" + w.model() + " has " + w.parameters() + " billion parameters: about " + w.gib() + "G of"
                    + " weights at " + w.precision() + ", plus " + MODEL_HEADROOM_GIB + "G for the server)";
        } else if (estimate.isPresent() && server.isEmpty()) {
            memory = StoreMemory.size(estimate.get().suggestedMib());
            basis = " (drydock's floor for these packages with a typical model, plus 25%)";
        }
        String besideGpu = ModelServers.reservesDevices(service.node())
                ? ", beside its GPU reservation (keep reservations.devices as it is)" : "";
        String where;
        if (memory != null) {
            where = besideGpu.isEmpty()
                    ? "Add to " + ref.name() + " in " + ref.file() + ": `deploy: {resources: {limits: {memory: "
                            + memory + "}}}`" + basis
                    : "Add `limits: {memory: " + memory + "}`" + basis + " under deploy.resources of " + ref.name()
                            + " in " + ref.file() + besideGpu;
        } else {
            where = "Add `limits.memory` under deploy.resources of " + ref.name() + " in " + ref.file() + besideGpu
                    + ", set to " + unknownModelSize(server, model);
        }
        // the floor for packages already holds a typical model and a quarter more: 4G on top would dwarf it
        String measure = memory != null && weights.isEmpty()
                ? "measure with `docker stats` once the model has loaded and raise the limit to that peak plus a quarter"
                        + " if it is higher"
                : "measure with `docker stats` once the model has loaded and keep " + MODEL_HEADROOM_GIB
                        + "G of headroom";
        return Optional.of(where + ". " + ref.name() + " " + loads + ": the model's weights pass through"
                + " host memory while they load (and stay there on a CPU), so a limit sized for a small web service"
                + " kills it before it serves; " + measure + ".");
    }

    /** Room beside a model's weights for the server, its buffers and the CUDA runtime. */
    private static final long MODEL_HEADROOM_GIB = 4;

    /** How to size the limit of a model server whose model's size drydock cannot tell. */
    private static String unknownModelSize(Optional<String> server, Optional<String> model) {
        if (model.isPresent()) {
            return "the size of " + model.get() + "'s weight files (the *.safetensors files its Hugging Face page"
                    + " lists) plus " + MODEL_HEADROOM_GIB + "G";
        }
        if (server.filter("Ollama"::equals).isPresent()) {
            return "the SIZE `ollama ps` shows for the models it keeps loaded at once, plus " + MODEL_HEADROOM_GIB
                    + "G (Ollama loads a model at its first request for it)";
        }
        return "the size of the weight files of the model it serves (`du -sh` of its folder, or the files its"
                + " Hugging Face page lists; about 2G per billion parameters at 16 bits, 1G at 8 bits, 0.5G at 4"
                + " bits) plus " + MODEL_HEADROOM_GIB + "G";
    }

    /** A service's memory limit: where it is written and what it holds. */
    private record Limit(ComposeServices.Ref ref, Location at, String text) {}

    private static Limit limit(ComposeServices.Ref ref) {
        Service service = ref.service();
        Service.Resources limits = service.deploy() == null ? null : service.deploy().limits();
        Service.Resources reservations = service.deploy() == null ? null : service.deploy().reservations();
        Located<Double> cpus = service.cpuLimit();
        List<String> reserved = new ArrayList<>();
        if (reservations != null && reservations.memory() != null) {
            reserved.add(reservations.memory().value().text());
        }
        if (reservations != null && reservations.cpus() != null) {
            reserved.add(cpus(reservations.cpus().value()));
        }
        if (service.memReservation() != null && reservations == null) {
            reserved.add(service.memReservation().value().text());
        }
        Location at = limits != null && limits.memory() != null
                ? ComposeServices.keyed(service.node(), "deploy")
                : ComposeServices.keyed(service.node(), "mem_limit");
        return new Limit(ref, at, " limited to " + service.memoryLimit().value().text() + " of memory"
                + (cpus != null ? " and " + cpus(cpus.value()) : "")
                + (reserved.isEmpty() ? "" : ", with " + String.join(" and ", reserved) + " reserved")
                + ": a leak in ");
    }

    private static String names(List<ComposeServices.Ref> group) {
        return ComposeServices.names(group.stream().map(ComposeServices.Ref::name).toList());
    }

    /** Whether the group holds more than one service: a service and its variant in an override file are one. */
    private static boolean several(List<ComposeServices.Ref> group) {
        return group.stream().map(ComposeServices.Ref::name).distinct().count() > 1;
    }

    /**
     * Where a missing limit goes: the deepest of deploy, deploy.resources and deploy.resources.limits that the
     * service has, else the anchor it shares with other services, else its name.
     */
    private static Location whereLimitsGo(ReviewContext context, ComposeServices.Ref ref) {
        Location deploy = deepestDeployKey(ref);
        return deploy != null ? deploy : ComposeServices.whereShared(context, ref);
    }

    /** The location of a group's finding: a shared anchor only when more than one service shares it. */
    private static Location where(ReviewContext context, List<ComposeServices.Ref> group) {
        ComposeServices.Ref first = group.get(0);
        if (group.size() > 1) {
            return whereLimitsGo(context, first);
        }
        Location deploy = deepestDeployKey(first);
        return deploy != null ? deploy : first.nameLocation();
    }

    /** The service, or the anchor its services share, that the recommendation names. */
    private static String target(ReviewContext context, List<ComposeServices.Ref> group) {
        ComposeServices.Ref first = group.get(0);
        if (!several(group)) {
            return first.name();
        }
        MapNode.Entry deploy = first.service().node().entry("deploy");
        ScalarNode owner = deploy == null ? null : ComposeServices.writtenUnder(context, first.compose(), deploy.key());
        return (owner != null ? owner.value() : ComposeServices.sharedName(context, group)) + " (which " + names(group)
                + " share)";
    }

    /** The deepest of deploy, deploy.resources and deploy.resources.limits that the service has; null without deploy. */
    private static Location deepestDeployKey(ComposeServices.Ref ref) {
        Location at = null;
        MapNode node = ref.service().node();
        for (String key : new String[] {"deploy", "resources", "limits"}) {
            Location here = ComposeServices.keyed(node, key);
            if (here == null) {
                break;
            }
            MapNode.Entry entry = node.entry(key);
            at = entry.key().file() == entry.value().file() ? new Location(here.file(), entry.key().span()) : here;
            if (!(entry.value() instanceof MapNode next)) {
                break;
            }
            node = next;
        }
        return at;
    }

    private static String cpus(double value) {
        String text = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return text + (value == 1 ? " CPU" : " CPUs");
    }
}
