package dev.drydock.core.rules.app;

import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.GunicornSettings;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.KubernetesLimits;
import dev.drydock.core.rules.support.StoreMemory;
import dev.drydock.core.rules.support.ImageContents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "memory-limit-too-low",
        title = "Memory limit below what the service needs",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "A compose memory limit (deploy.resources.limits.memory or mem_limit), or the Kubernetes"
                + " resources.limits.memory a leaf kustomization deploys a container of the image with (one that runs"
                + " the image's own command), against an estimate for the"
                + " machine-learning packages the application depends on (torch, tensorflow, jax, transformers,"
                + " sentence-transformers, spacy, onnxruntime) times the number of server processes (the command's"
                + " --workers/--concurrency, for gunicorn also GUNICORN_CMD_ARGS, workers in its configuration file and"
                + " WEB_CONCURRENCY, in gunicorn's order; else the server's default of one); and the memory limit of a data store"
                + " service against what it needs: SQL Server refuses to start below 2,000 MB, and the JVM heap of"
                + " Elasticsearch, OpenSearch and Kafka (-Xmx in ES_JAVA_OPTS, OPENSEARCH_JAVA_OPTS, KAFKA_HEAP_OPTS,"
                + " else 1 GiB for OpenSearch and Kafka) must be below the limit, and so must PostgreSQL's"
                + " shared_buffers (`-c shared_buffers=` in its command) and Redis's or Valkey's `--maxmemory`; so must a Node.js application's V8"
                + " heap (--max-old-space-size on node's command line or in NODE_OPTIONS) and a Java application's"
                + " heap (-Xmx or -XX:MaxHeapSize on java's command line or in JAVA_TOOL_OPTIONS or"
                + " JDK_JAVA_OPTIONS).",
        problem = "ML libraries and the models they load are resident in every server process, and a JVM needs memory"
                + " beyond its heap: a limit sized for a small web app leaves no room for them.",
        impact = "The kernel's OOM killer ends the process when the model loads or under the first burst of"
                + " requests; with restart: unless-stopped the container loops through crashes and restarts.",
        recommendation = "Size the limit from measured use (docker stats) with headroom, and keep the per-process"
                + " memory down: fewer workers with threads, gunicorn --preload to share pages loaded before the fork,"
                + " or a separate model-serving service.",
        references = {
                "https://docs.docker.com/reference/compose-file/deploy/#resources",
                "https://docs.docker.com/engine/containers/resource_constraints/#memory",
                "https://docs.gunicorn.org/en/stable/settings.html#preload-app",
                "https://pytorch.org/docs/stable/notes/faq.html"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "30 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          model:
                            build: .
                            deploy:
                              resources:
                                limits:
                                  memory: 1G
                        """,
                good = """
                        services:
                          model:
                            build: .
                            deploy:
                              resources:
                                limits:
                                  memory: 4G
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        RUN pip install --no-cache-dir -r requirements.txt
                        CMD ["python", "serve.py"]
                        """),
                        @ExampleFile(name = "requirements.txt", content = """
                        torch==2.5.1
                        transformers==4.46.3
                        """)}))
public final class MemoryLimitTooLow implements Rule {

    /** How a resource-limits strength at the limit is qualified: the limit is set, but below what the service needs. */
    private static final String TOO_LOW = "but the limit is below what it needs (memory-limit-too-low)";

    /**
     * Rough resident memory of one process per package, in MiB: the runtime once imported plus a
     * typical model it loads (torch: CPU runtime and allocator; transformers: a base-size model such
     * as BERT-base, 440 MB of fp32 weights, up to BART-large at 1.6 GB; sentence-transformers: a
     * MiniLM-class embedding model; spacy: a medium pipeline). Deliberately low: the rule fires only
     * when even this floor does not fit.
     */
    static final Map<String, Integer> ESTIMATE_MIB = estimates();

    /** Python and a web framework, per process. */
    static final int BASE_MIB = 150;

    static final List<String> ML_PACKAGES = List.copyOf(ESTIMATE_MIB.keySet());

    /** A machine-learning package the container's Python loads, and its per-process estimate. */
    record MlPackage(String name, int mib) {}

    /**
     * The machine-learning packages of the container: those its manifests declare (not as development
     * dependencies), then those a RUN of its image installs by name with pip.
     */
    static List<MlPackage> mlPackages(Container c) {
        List<MlPackage> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Dependency d : AppFacts.dependencies(c, Ecosystem.PYPI, ML_PACKAGES)) {
            if (seen.add(d.normalizedName())) {
                out.add(new MlPackage(d.name(), ESTIMATE_MIB.get(d.normalizedName())));
            }
        }
        ImageContents image = ImageContents.of(c);
        if (image != null) {
            for (String name : ML_PACKAGES) {
                if (!seen.contains(name) && image.pythonPackage(name).isPresent()) {
                    seen.add(name);
                    out.add(new MlPackage(name, ESTIMATE_MIB.get(name)));
                }
            }
        }
        return out;
    }

    /**
     * The memory limit this rule would accept for a container that loads machine-learning packages: the
     * per-process estimate times the processes, plus 25% for peaks, rounded up to 512 MiB; empty when it
     * loads none. With the packages it counted, for the message.
     */
    public static Optional<Estimate> estimate(ReviewContext context, Container c) {
        List<MlPackage> ml = mlPackages(c);
        if (ml.isEmpty()) {
            return Optional.empty();
        }
        int perProcess = BASE_MIB + ml.stream().mapToInt(MlPackage::mib).sum();
        Processes processes = processes(context, c);
        long needed = (long) perProcess * processes.count();
        return Optional.of(new Estimate(roundUp(needed * 5 / 4), AppFacts.and(ml.stream().map(MlPackage::name).toList()),
                processes.describe()));
    }

    /** A suggested memory limit, the packages it is for, and the processes that load them. */
    public record Estimate(long suggestedMib, String packages, String processes) {}

    private static Map<String, Integer> estimates() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("torch", 700);
        m.put("tensorflow", 1024);
        m.put("tensorflow-cpu", 1024);
        m.put("jax", 500);
        m.put("transformers", 1024);
        m.put("sentence-transformers", 300);
        m.put("spacy", 500);
        m.put("onnxruntime", 200);
        return m;
    }

    private static final java.util.regex.Pattern NODE_HEAP = java.util.regex.Pattern.compile(
            "--max[-_]old[-_]space[-_]size[= ](\\d{2,7})(?!\\S)");

    @Override
    public void check(ReviewContext context) {
        checkDataStores(context);
        checkNodeHeap(context);
        checkJvmHeap(context);
        for (Container c : context.builtContainers()) {
            Located<Service.ByteSize> limit = AppFacts.memoryLimit(c);
            if (limit == null || limit.value() == null || limit.value().bytes() <= 0) {
                continue;
            }
            String key = limit.key() != null ? limit.key().value() : "memory";
            long limitMib = limit.value().bytes() / (1024 * 1024);
            checkMl(context, c, new Location(limit.file().path(), limit.span()), key + ": " + limit.value().text(),
                    limitMib, limit);
        }
        checkKubernetesMl(context);
    }

    /**
     * The memory limits the Kubernetes leaves give a container of an image the project builds that runs the image's
     * own command (its worker count is the Dockerfile's), against the same estimate.
     */
    private void checkKubernetesMl(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c.build() == null || c.build().dockerfile() == null || !seen.add(c.build().dockerfile())) {
                continue;
            }
            KubernetesLimits.memoryLimits(context, c).forEach((limit, run) -> {
                var source = context.project().source(limit.file() != null ? limit.file() : run.workload().file());
                int line = Math.max(1, limit.line()); // an inline patch: its kustomization
                if (run.container().command().isEmpty() && run.container().args().isEmpty() && source.isPresent()) {
                    checkMl(context, c, new Location(source.get().path(), source.get().lines(line, line)),
                            "limits.memory: " + limit.text() + " (" + run.describe() + ")", limit.mib(), null);
                }
            });
        }
    }

    /**
     * The limit ({@code setting}: how the message names it and its value) against the estimate for the container's
     * machine-learning packages times its processes; a compose limit ({@code compose}, else null) gets a fix.
     */
    private void checkMl(ReviewContext context, Container c, Location at, String setting, long limitMib,
            Located<Service.ByteSize> compose) {
        List<MlPackage> ml = mlPackages(c);
        if (ml.isEmpty()) {
            return;
        }
        int perProcess = BASE_MIB;
        List<String> parts = new ArrayList<>();
        for (MlPackage p : ml) {
            perProcess += p.mib();
            parts.add(p.name() + " (~" + mib(p.mib()) + ")");
        }
        Processes processes = processes(context, c);
        long needed = (long) perProcess * processes.count();
        if (limitMib >= needed) {
            return;
        }
        long suggested = roundUp(needed * 5 / 4);
        var finding = context.finding(this, at, setting + " is below the ~" + mib(needed) + " this container needs: "
                        + processes.describe() + " × ~" + mib(perProcess) + " per process for "
                        + AppFacts.and(parts) + " plus ~" + BASE_MIB + " MiB for the interpreter and the rest of the application")
                .recommendation(recommendation(context, c, perProcess, compose == null
                        ? KubernetesLimits.quantity(suggested) : size(suggested), compose == null ? "kubectl top pod"
                        : "docker stats", processes, limitMib))
                .qualifies(at, TOO_LOW);
        TextEdit raise = compose == null ? null : raise(compose, size(suggested));
        if (raise != null) {
            finding.fix(Fix.of("raise the memory limit to " + size(suggested), FixSafety.UNSAFE, raise));
        }
        finding.add();
    }

    /**
     * A V8 heap allowed to grow to the container's memory limit or past it: the kernel kills node (exit 137)
     * before V8 collects harder or fails with its own heap out-of-memory error.
     */
    private void checkNodeHeap(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            Located<Service.ByteSize> limit = AppFacts.memoryLimit(c);
            if (ep == null || limit == null || limit.value() == null || limit.value().bytes() <= 0) {
                continue;
            }
            // NODE_OPTIONS is read by node alone, whatever starts it (a distroless image's node entrypoint)
            String option = ep.runtime().language() == dev.drydock.core.discovery.Language.NODE
                    ? ep.interpreterOptions().get("--max-old-space-size") : null;
            String where = "node's --max-old-space-size";
            if (option == null || !option.matches("\\d{2,7}")) {
                java.util.regex.Matcher m = NODE_HEAP.matcher(ep.environment().getOrDefault("NODE_OPTIONS", ""));
                option = m.find() ? m.group(1) : null;
                where = "NODE_OPTIONS";
            }
            long limitMib = limit.value().bytes() / (1024 * 1024);
            if (option == null || Long.parseLong(option) < limitMib) {
                continue;
            }
            String key = limit.key() != null ? limit.key().value() : "memory";
            long heap = limitMib * 3 / 4;
            context.finding(this, new Location(limit.file().path(), limit.span()), key + ": " + limit.value().text()
                            + " is not above the " + mib(Long.parseLong(option)) + " V8 heap that " + where
                            + " allows (--max-old-space-size=" + option + "): node also needs memory outside the"
                            + " heap, so the kernel kills it (exit 137) before V8 collects harder or reports running"
                            + " out of heap")
                    .severity(Severity.HIGH)
                    .recommendation("Keep the heap about three quarters of the limit, --max-old-space-size=" + heap
                            + " for " + limit.value().text() + ", or raise the limit to at least "
                            + size(roundUp(Long.parseLong(option) * 4 / 3)) + ".")
                    .qualifies(new Location(limit.file().path(), limit.span()), TOO_LOW)
                    .add();
        }
    }

    /**
     * A JVM heap fixed at the container's memory limit or above it (-Xmx or -XX:MaxHeapSize on java's command line
     * or in JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS): the JVM also needs memory outside the heap, so the kernel kills
     * it (exit 137) before the garbage collector works harder or the application gets an OutOfMemoryError.
     */
    private void checkJvmHeap(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EntryPoint ep = c.entryPoint();
            Located<Service.ByteSize> limit = AppFacts.memoryLimit(c);
            if (ep == null || ep.runtime() != dev.drydock.core.entrypoint.Runtime.JAVA || limit == null
                    || limit.value() == null || limit.value().bytes() <= 0) {
                continue;
            }
            String option = "-Xmx";
            String value = ep.interpreterOptions().get("-Xmx");
            if (value == null) {
                option = "-XX:MaxHeapSize=";
                value = ep.interpreterOptions().get("-XX:MaxHeapSize");
            }
            long heap = value == null ? -1 : dev.drydock.core.rules.support.JvmSizes.bytes(value);
            long limitBytes = limit.value().bytes();
            if (heap < limitBytes) {
                continue;
            }
            long limitMib = limitBytes / (1024 * 1024);
            String key = limit.key() != null ? limit.key().value() : "memory";
            String written = option + value;
            context.finding(this, new Location(limit.file().path(), limit.span()), key + ": " + limit.value().text()
                            + " of " + c.name() + " is not above the " + mib(heap / (1024 * 1024)) + " heap that java's "
                            + written + " allows: the JVM also needs memory for metaspace, thread stacks, the code"
                            + " cache and direct buffers, so the kernel kills it (exit 137) before the garbage collector"
                            + " works harder or the application gets an OutOfMemoryError")
                    .severity(Severity.HIGH)
                    .recommendation("Keep the heap about three quarters of the limit (-Xmx" + limitMib * 3 / 4
                            + "m for " + limit.value().text() + "), or size it from the limit with"
                            + " -XX:MaxRAMPercentage=75 instead of " + written + "; or raise the limit to at least "
                            + size(roundUp(heap / (1024 * 1024) * 4 / 3)) + ".")
                    .qualifies(new Location(limit.file().path(), limit.span()), TOO_LOW)
                    .add();
        }
    }

    private void checkDataStores(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Located<Service.ByteSize> limit = ref.service().memoryLimit();
            Optional<StoreMemory.Need> need = StoreMemory.of(ref.service());
            if (limit == null || limit.value() == null || limit.value().bytes() <= 0 || need.isEmpty()
                    || limit.value().bytes() / (1024 * 1024) >= need.get().minimumMib()) {
                continue;
            }
            String suggested = StoreMemory.size(need.get().suggestedMib());
            String key = limit.key() != null ? limit.key().value() : "memory";
            var finding = context.finding(this, new Location(limit.file().path(), limit.span()), key + ": "
                            + limit.value().text() + " of " + ref.name() + " is too low: " + need.get().reason())
                    .severity(Severity.HIGH)
                    .recommendation("Raise the limit of " + ref.name() + " to " + suggested + " and check real use"
                            + " under load with `docker stats`.")
                    .qualifies(new Location(limit.file().path(), limit.span()), TOO_LOW);
            TextEdit raise = raise(limit, suggested);
            if (raise != null) {
                finding.fix(Fix.of("raise the memory limit to " + suggested, FixSafety.UNSAFE, raise));
            }
            finding.add();
        }
    }

    /**
     * The limit's value rewritten, in its quotes and the case of its unit; null when it is built from
     * variables. A reservation cannot exceed the limit after this: the limit only grows.
     */
    private static TextEdit raise(Located<Service.ByteSize> limit, String size) {
        if (!(limit.node() instanceof ScalarNode scalar) || !scalar.substitutions().isEmpty() || !scalar.hasExactText()) {
            return null;
        }
        String written = scalar.raw().strip();
        String value = !written.isEmpty() && Character.isLowerCase(written.charAt(written.length() - 1))
                ? size.toLowerCase(Locale.ROOT) : size;
        String quote = switch (scalar.style()) {
            case SINGLE_QUOTED -> "'";
            case DOUBLE_QUOTED -> "\"";
            default -> "";
        };
        return TextEdit.replace(limit.file().path(), limit.span(), quote + value + quote);
    }

    private static String recommendation(ReviewContext context, Container c, int perProcess, String suggested,
            String measure, Processes processes, long limitMib) {
        StringBuilder out = new StringBuilder("Raise the limit to at least " + suggested
                + " (the estimate plus 25% for request peaks) and check real use under load with `"
                + measure + "`.");
        if (processes.count() > 1) {
            long fit = limitMib / perProcess;
            out.append(fit >= 1 ? " Or run " + fit + " worker" + (fit == 1 ? "" : "s") + " with --threads (that fits the"
                    + " current limit), or" : " Or").append(" load the models once before the fork (gunicorn --preload).");
            return out.toString();
        }
        AppFacts.Workers workers = AppFacts.workers(context, c);
        EntryPoint ep = c.entryPoint();
        boolean webDevServer = ep != null && (ep.runtime().developmentServer()
                || ep.runtime() == dev.drydock.core.entrypoint.Runtime.PYTHON)
                && Apps.of(context, c).app().isPresent();
        if (webDevServer && workers.count() > 1) {
            out.append(" A production server with ").append(workers.count()).append(" workers (").append(workers.basis())
                    .append(") would need about ").append(mib((long) perProcess * workers.count()))
                    .append(": load the models before the fork (gunicorn --preload) or run fewer workers with --threads.");
        }
        return out.toString();
    }

    /** How many processes load the libraries, and how that was told. */
    record Processes(int count, String describe) {}

    static Processes processes(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null) {
            return new Processes(1, "1 process");
        }
        String program = ep.runtime().displayName();
        String from = "";
        String workers = switch (ep.runtime()) {
            case UVICORN, HYPERCORN, GRANIAN, FASTAPI_RUN -> ep.option("workers");
            case CELERY -> ep.option("concurrency");
            default -> null;
        };
        if (ep.runtime() == dev.drydock.core.entrypoint.Runtime.GUNICORN) {
            GunicornSettings.Value value = GunicornSettings.of(context, c).get("workers").orElse(null);
            workers = value == null ? null : value.value();
            from = value == null || value.source() == GunicornSettings.Source.COMMAND_LINE
                    || value.source() == GunicornSettings.Source.DEFAULT ? "" : ", " + value.describe();
        }
        if (workers != null && workers.matches("\\d{1,3}") && Integer.parseInt(workers) > 0) {
            int n = Integer.parseInt(workers);
            return new Processes(n, n + " " + program + " process" + (n == 1 ? "" : "es") + from);
        }
        return new Processes(1, "1 process (" + (ep.development() || ep.runtime().developmentServer()
                || ep.runtime() == dev.drydock.core.entrypoint.Runtime.PYTHON ? "`" + String.join(" ", ep.args()) + "`"
                : program + "'s default") + ")");
    }

    private static long roundUp(long mib) {
        return ((mib + 511) / 512) * 512;
    }

    private static String size(long mib) {
        return StoreMemory.size(mib);
    }

    private static String mib(long mib) {
        if (mib >= 1024) {
            double g = mib / 1024.0;
            return (g == Math.rint(g) ? Long.toString((long) g) : String.format(java.util.Locale.ROOT, "%.1f", g)) + " GiB";
        }
        return mib + " MiB";
    }
}
