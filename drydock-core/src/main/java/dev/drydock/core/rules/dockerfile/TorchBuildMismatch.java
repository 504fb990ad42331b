package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PyProject;
import dev.drydock.core.manifest.RequirementsTxt;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.ModelServers;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@RuleDefinition(
        id = "torch-build-mismatch",
        title = "The PyTorch build does not match the hardware the image runs on",
        severity = Severity.HIGH,
        category = Category.PERFORMANCE,
        checks = "PyTorch (torch) installed in an image the project builds: by `pip install` or `uv pip install`"
                + " naming it, or from the requirements file or pyproject.toml (with uv's `[[tool.uv.index]]` and"
                + " `[tool.uv.sources]`, or for `poetry install` the `[[tool.poetry.source]]` entries: the one torch's"
                + " table names with `source`, else the primary ones, which replace PyPI) the install reads, with the indexes it uses (`--index-url`,"
                + " `--extra-index-url`, `-f`, the PIP_/UV_ index variables, uv's `--torch-backend`) and the local"
                + " version (`+cpu`, `+cu124`). Fires (high) when the image is meant for an NVIDIA GPU (its base is"
                + " nvidia/cuda or a CUDA tag of pytorch/pytorch, or a compose service or Kubernetes container running"
                + " it asks for a GPU, or a pod running it sets runtimeClassName: nvidia) but torch comes from PyTorch's CPU index; and (medium) when nothing about the"
                + " image asks for a GPU (a base without CUDA, services and Kubernetes containers that run it and"
                + " request none, no `runtime: nvidia`, runtimeClassName nvidia or NVIDIA_VISIBLE_DEVICES anywhere in the project) but torch"
                + " comes from PyPI or a CUDA index on linux/amd64. Quiet when an index is a variable or a mirror"
                + " drydock cannot classify, when the image is built for arm64 only (PyPI's aarch64 wheels carry no"
                + " CUDA libraries), and for images no compose service or Kubernetes container runs (they may be run"
                + " with `docker run --gpus`).",
        problem = "PyTorch ships one build per accelerator. PyPI's torch wheel for Linux x86_64 is the CUDA build: it"
                + " depends on a dozen nvidia-*-cu12 wheels (cuBLAS, cuDNN, NCCL...) and on Triton. The CPU build"
                + " (versions ending in +cpu) is published only on https://download.pytorch.org/whl/cpu, and each CUDA"
                + " build on its own index (/whl/cu126, /whl/cu128...). pip takes whichever the indexes it is given"
                + " hold, whatever hardware the container will run on.",
        impact = "A CPU build in a GPU image never uses the GPU: torch.cuda.is_available() is False, models run on the"
                + " CPU many times slower, and code that moves tensors to \"cuda\" fails at run time. A CUDA build in an"
                + " image that never sees a GPU adds several GB of CUDA libraries (a torch image of about 0.7 GB"
                + " compressed becomes over 3 GB): slower builds, pushes, pulls and cold starts, more storage, and"
                + " scanners reporting the CUDA libraries' vulnerabilities.",
        recommendation = "Install the build that matches the hardware: on CPU-only deployments, `pip install torch"
                + " --index-url https://download.pytorch.org/whl/cpu` (or an `--extra-index-url` line in the"
                + " requirements file, or a `pytorch-cpu` index in `[[tool.uv.index]]` with `[tool.uv.sources]`"
                + " pointing torch at it); on GPU images, the CUDA index that matches the base image's CUDA version"
                + " (/whl/cu126 for CUDA 12.6) or PyPI's default build.",
        references = {
                "https://pytorch.org/get-started/locally/",
                "https://docs.astral.sh/uv/guides/integration/pytorch/",
                "https://download.pytorch.org/whl/cpu",
                "https://github.com/pytorch/pytorch/issues/17621"},
        effort = "15 min",
        examples = {
                @RuleExample(file = "Dockerfile",
                        bad = """
                                FROM python:3.12-slim
                                WORKDIR /app
                                RUN pip install --no-cache-dir torch==2.5.1
                                COPY . .
                                CMD ["python", "serve.py"]
                                """,
                        good = """
                                FROM python:3.12-slim
                                WORKDIR /app
                                RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.5.1
                                COPY . .
                                CMD ["python", "serve.py"]
                                """,
                        alongside = @ExampleFile(name = "compose.yaml", content = """
                                services:
                                  api:
                                    build: .
                                    ports:
                                      - "8000:8000"
                                """)),
                @RuleExample(file = "Dockerfile",
                        bad = """
                                FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
                                RUN apt-get update && apt-get install -y --no-install-recommends python3-pip \\
                                    && rm -rf /var/lib/apt/lists/*
                                RUN pip3 install --no-cache-dir torch --index-url https://download.pytorch.org/whl/cpu
                                COPY train.py .
                                CMD ["python3", "train.py"]
                                """,
                        good = """
                                FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
                                RUN apt-get update && apt-get install -y --no-install-recommends python3-pip \\
                                    && rm -rf /var/lib/apt/lists/*
                                RUN pip3 install --no-cache-dir torch --index-url https://download.pytorch.org/whl/cu124
                                COPY train.py .
                                CMD ["python3", "train.py"]
                                """)})
public final class TorchBuildMismatch implements Rule {

    static final String CPU_INDEX = "https://download.pytorch.org/whl/cpu";

    /** The options of a requirements file that choose where packages come from. */
    private static final Set<String> INDEX_OPTIONS = Set.of("--index-url", "--extra-index-url", "--find-links");

    /** PyTorch's own packages, built per accelerator. */
    private static final Set<String> TORCH_PACKAGES = Set.of("torch", "torchvision", "torchaudio");

    private static final Pattern PYTORCH_INDEX = Pattern.compile(
            "download\\.pytorch\\.org/whl/(?:nightly/|test/)?([a-z0-9.]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_VERSION = Pattern.compile("\\+(cpu|cu\\d+|rocm[\\d.]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CUDA_TAG = Pattern.compile("^(?:cuda)?(\\d+)\\.(\\d+)");
    private static final Pattern SPEC_NAME = Pattern.compile("^([A-Za-z0-9._-]+)\\s*(?:\\[[^]]*])?");

    /** The index variables pip and uv read. */
    private static final List<String> INDEX_VARIABLES = List.of("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL",
            "PIP_FIND_LINKS", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL", "UV_INDEX", "UV_DEFAULT_INDEX", "UV_FIND_LINKS");

    /** Which build of torch an install takes. */
    enum Flavour { CPU, CUDA, PYPI, UNKNOWN }

    /** A build and the index (or version) that decides it, in words. */
    record Source(Flavour flavour, String from) {

        static final Source UNKNOWN = new Source(Flavour.UNKNOWN, null);
    }

    /** One install of torch: where to point, what it is, where it comes from, and an edit that takes the CPU build. */
    record TorchInstall(Location at, String what, Source source, Fix cpuFix, String cpuAdvice) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            List<TorchInstall> installs = installs(context, image);
            if (installs.isEmpty()) {
                continue;
            }
            Optional<String> gpu = gpuImage(context, image);
            Set<Flavour> flavours = installs.stream().map(i -> i.source().flavour()).collect(Collectors.toSet());
            for (TorchInstall install : installs) {
                if (gpu.isPresent() && install.source().flavour() == Flavour.CPU && !flavours.contains(Flavour.CUDA)) {
                    context.finding(this, install.at(), install.what() + " takes PyTorch's CPU-only build ("
                                    + install.source().from() + ") but the image " + gpu.get() + ": torch has no CUDA"
                                    + " support, torch.cuda.is_available() is False and every model runs on the CPU")
                            .recommendation(cudaRecommendation(image))
                            .add();
                } else if (gpu.isEmpty() && (install.source().flavour() == Flavour.PYPI
                        || install.source().flavour() == Flavour.CUDA) && !flavours.contains(Flavour.CPU)
                        && !flavours.contains(Flavour.UNKNOWN) && cpuOnlyDeployment(context, image)) {
                    String base = baseName(image).map(b -> " (" + b + ")").orElse("");
                    context.finding(this, install.at(), install.what() + " takes PyTorch's CUDA build ("
                                    + install.source().from() + "), but nothing runs the image" + base + " with a GPU:"
                                    + " the nvidia CUDA libraries it pulls in add several GB to the image and are never"
                                    + " loaded")
                            .severity(Severity.MEDIUM)
                            .recommendation("Take the CPU build from PyTorch's CPU index: " + install.cpuAdvice())
                            .fix(install.cpuFix())
                            .add();
                }
            }
        }
    }

    /** How to take the CUDA build instead, with the CUDA version of the base image when it names one. */
    private static String cudaRecommendation(BuiltImage image) {
        if (image.rootBase() instanceof BaseImage.External external && external.reference() != null) {
            String name = external.reference().familiarName().toLowerCase(Locale.ROOT);
            if (name.equals("pytorch/pytorch") || name.equals("nvcr.io/nvidia/pytorch")) {
                return "Drop the install of torch: " + external.expanded() + " already ships a CUDA build of"
                        + " PyTorch, and installing another only adds a layer of the same size.";
            }
            Matcher version = CUDA_TAG.matcher(external.reference().effectiveTagLowerCase());
            if (version.find()) {
                return "Drop the CPU index (PyPI's Linux x86_64 wheel is a CUDA 12 build), or take the build for the"
                        + " image's CUDA " + version.group(1) + "." + version.group(2) + " from https://download.pytorch.org/whl/cu"
                        + version.group(1) + version.group(2) + " when PyTorch publishes one for it (else the"
                        + " nearest older CUDA index).";
            }
        }
        return "Drop the CPU index: PyPI's Linux x86_64 wheel is a CUDA 12 build (or name a CUDA index such as"
                + " https://download.pytorch.org/whl/cu124 that the GPU hosts' driver supports).";
    }

    // ---- the installs

    private static List<TorchInstall> installs(ReviewContext context, BuiltImage image) {
        List<TorchInstall> out = new ArrayList<>();
        for (RunStep run : image.imageRuns()) {
            for (Call raw : run.calls()) {
                Call call = run.expanded(raw);
                Optional<PipCommands.Install> uv = uvPip(call);
                Optional<PipCommands.Install> pip = uv.isPresent() ? uv : PipCommands.install(call);
                if (pip.isPresent()) {
                    commandLine(image, run, pip.get(), uv.isPresent() ? "uv pip install"
                            : pip.get().call().name() + " install")
                            .ifPresent(out::add);
                    requirementFiles(context, image, run, pip.get(), out);
                }
                if (pip.isEmpty() || pip.get().installsProject()) {
                    DependencyInstalls.of(run).stream().filter(i -> i.call().span().equals(raw.span()))
                            .filter(i -> i.manifests().contains("pyproject.toml"))
                            .findFirst()
                            .ifPresent(i -> pyproject(context, image, run, i, pip).ifPresent(out::add));
                }
            }
        }
        return out;
    }

    /** {@code uv pip install ...} read as the pip install it mirrors. */
    private static Optional<PipCommands.Install> uvPip(Call call) {
        if (!call.is("uv") || call.args().size() < 2 || !call.args().get(0).value().equals("pip")) {
            return Optional.empty();
        }
        return PipCommands.install(call.as("pip", call.args().get(0), 1));
    }

    /** torch named on the command line: {@code pip install torch==2.5.1 torchvision}. */
    private static Optional<TorchInstall> commandLine(BuiltImage image, RunStep run, PipCommands.Install pip,
            String command) {
        Call.Arg torch = null;
        boolean othersToo = false;
        for (Call.Arg arg : pip.packages()) {
            Matcher m = SPEC_NAME.matcher(arg.value());
            String name = m.find() ? m.group(1).toLowerCase(Locale.ROOT).replace('_', '-') : "";
            if (name.equals("torch")) {
                torch = arg;
            } else if (!TORCH_PACKAGES.contains(name)) {
                othersToo = true;
            }
        }
        if (torch == null) {
            return Optional.empty();
        }
        Source source = local(torch.value()).orElseGet(() -> commandSource(run, pip, List.of()));
        Call.Arg subcommand = pip.options().subcommand().orElseThrow();
        Fix fix = run.script() == null || !torch.literal() ? null : Fix.of("take torch from PyTorch's CPU index",
                FixSafety.UNSAFE, TextEdit.insert(image.dockerfile(), subcommand.span().end(),
                        (othersToo ? " --extra-index-url " : " --index-url ") + CPU_INDEX));
        if (source.flavour() != Flavour.PYPI) {
            fix = null;
        }
        return Optional.of(new TorchInstall(new Location(image.dockerfile(), pip.call().spanTo(torch)),
                command + " " + torch.value(), source, fix, "`--index-url " + CPU_INDEX + "` when the command installs"
                        + " only PyTorch's packages, `--extra-index-url " + CPU_INDEX + "` when it installs others too."));
    }

    /** torch in the requirements files a pip install reads. */
    private static void requirementFiles(ReviewContext context, BuiltImage image, RunStep run, PipCommands.Install pip,
            List<TorchInstall> out) {
        for (String file : pip.requirementFiles()) {
            Optional<String> path = manifest(image, ManifestKind.REQUIREMENTS_TXT, file);
            Optional<SourceFile> source = path.flatMap(p -> context.project().source(p));
            if (source.isEmpty()) {
                continue;
            }
            RequirementsTxt requirements = RequirementsTxt.parse(source.get());
            Optional<RequirementsTxt.Requirement> torch = requirements.requirement("torch");
            if (torch.isEmpty()) {
                continue;
            }
            List<String> fileIndexes = new ArrayList<>();
            requirements.indexUrl().ifPresent(fileIndexes::add);
            fileIndexes.addAll(requirements.extraIndexUrls());
            fileIndexes.addAll(requirements.findLinks());
            Source from = local(torch.get().text()).orElseGet(() -> commandSource(run, pip, fileIndexes));
            Optional<RequirementsTxt.Option> ignoredIndex = torch.get().ignoredOptions().stream()
                    .filter(o -> INDEX_OPTIONS.contains(o.name())).findFirst();
            String what = path.get() + " line " + torch.get().line() + " (" + torch.get().text().strip()
                    + ignoredIndex.map(o -> ", whose " + o.name() + " " + o.value() + " on the same line pip ignores:"
                            + " an index option takes effect only on a line of its own").orElse("") + ")";
            String advice = ignoredIndex.isPresent()
                    ? "move the index off torch's line, onto a line of its own as `--extra-index-url " + CPU_INDEX
                            + "` (pip then prefers the +cpu build of the same version, and the other requirements"
                            + " still come from PyPI)."
                    : "add `--extra-index-url " + CPU_INDEX + "` to " + path.get()
                            + " (pip then prefers the +cpu build of the same version).";
            out.add(new TorchInstall(new Location(path.get(), torch.get().span()), what, from, null, advice));
        }
    }

    /** torch among the dependencies of the pyproject.toml that {@code uv sync} or {@code pip install .} installs. */
    private static Optional<TorchInstall> pyproject(ReviewContext context, BuiltImage image, RunStep run,
            DependencyInstalls.Install install, Optional<PipCommands.Install> pip) {
        Optional<String> path = manifest(image, ManifestKind.PYPROJECT_TOML, "pyproject.toml");
        Optional<SourceFile> file = path.flatMap(p -> context.project().source(p));
        if (file.isEmpty() || install.call().is("pipenv")) {
            return Optional.empty(); // Pipfile's sources are not read here
        }
        PyProject project = PyProject.of(file.get());
        Optional<dev.drydock.core.manifest.PyDependency> torch = project.dependency("torch")
                .filter(d -> d.scope() == dev.drydock.core.manifest.Scope.MAIN);
        if (torch.isEmpty()) {
            return Optional.empty();
        }
        Source source = local(torch.get().constraint()).orElse(null);
        if (source == null && install.call().is("poetry")) {
            source = poetrySource(project);
        } else if (source == null && pip.isPresent()) {
            source = commandSource(run, pip.get(), List.of()); // pip ignores tool.uv
        } else if (source == null) {
            source = uvSource(run, install.call(), project);
        }
        String advice = install.call().is("poetry")
                ? "add to " + path.get() + " `[[tool.poetry.source]]` name = \"pytorch-cpu\", url = \"" + CPU_INDEX
                        + "\", priority = \"explicit\", and take torch from it: torch = { version = \""
                        + (torch.get().constraint().isEmpty() ? "*" : torch.get().constraint())
                        + "\", source = \"pytorch-cpu\" }; then `poetry lock`."
                : pip.isPresent()
                        ? "`--extra-index-url " + CPU_INDEX + "` on `" + install.text() + "` (pip ignores uv's and"
                                + " Poetry's index settings)."
                        : "add `[[tool.uv.index]]` name = \"pytorch-cpu\", url = \"" + CPU_INDEX + "\", explicit = true,"
                                + " and `[tool.uv.sources]` torch = { index = \"pytorch-cpu\" }.";
        return Optional.of(new TorchInstall(new Location(path.get(), torch.get().span()), path.get() + " (torch"
                + (torch.get().constraint().isEmpty() ? "" : " " + torch.get().constraint()) + ", installed by "
                + install.text() + ")", source, null, advice));
    }

    /** The project file of a manifest the image's install reads, matched by its path in the build context. */
    private static Optional<String> manifest(BuiltImage image, ManifestKind kind, String written) {
        String name = PathNames.fileName(written);
        String context = image.container().build().context();
        List<Manifest> candidates = image.container().manifests().stream().filter(m -> m.kind() == kind)
                .filter(m -> PathNames.fileName(m.file()).equals(name)).toList();
        return candidates.stream().map(Manifest::file)
                .filter(f -> f.equals(PathNames.join(context, written.replaceFirst("^\\./", ""))))
                .findFirst()
                .or(() -> candidates.size() == 1 ? Optional.of(candidates.get(0).file()) : Optional.empty());
    }

    // ---- where torch comes from

    /** The build a local version or a wheel URL names: {@code torch==2.5.1+cpu}, {@code torch @ .../whl/cpu/...}. */
    private static Optional<Source> local(String spec) {
        Matcher m = LOCAL_VERSION.matcher(spec);
        if (m.find()) {
            String tag = m.group(1).toLowerCase(Locale.ROOT);
            return Optional.of(new Source(tag.equals("cpu") ? Flavour.CPU : tag.startsWith("cu") ? Flavour.CUDA
                    : Flavour.UNKNOWN, "version +" + tag));
        }
        if (spec.contains("://")) {
            return Optional.of(classify(List.of(spec.substring(spec.indexOf("http") < 0 ? 0 : spec.indexOf("http")))));
        }
        return Optional.empty();
    }

    /** The build the indexes of a pip install (options, variables, a requirements file's own) give. */
    private static Source commandSource(RunStep run, PipCommands.Install pip, List<String> fileIndexes) {
        List<String> indexes = new ArrayList<>(fileIndexes);
        indexes.addAll(pip.options().values("-i", "--index-url", "--extra-index-url", "-f", "--find-links"));
        for (Call.Options.Option option : pip.options().all()) {
            if (option.name().equals("--index") || option.name().equals("--default-index")) {
                indexes.add(option.value() == null ? "$" : option.value());
            }
            if (option.name().equals("--torch-backend")) {
                return torchBackend(option.value());
            }
            if (option.name().equals("--no-index")) {
                return Source.UNKNOWN;
            }
        }
        String backend = run.variable("UV_TORCH_BACKEND");
        if (backend != null) {
            return torchBackend(backend);
        }
        for (String variable : INDEX_VARIABLES) {
            String value = run.variable(variable);
            if (value != null && !value.isBlank()) {
                indexes.add(value);
            }
        }
        return classify(indexes);
    }

    /** uv's {@code --torch-backend}: cpu, a CUDA version (cu126), or auto (what the build machine has). */
    private static Source torchBackend(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return v.equals("cpu") ? new Source(Flavour.CPU, "--torch-backend " + v)
                : v.startsWith("cu") ? new Source(Flavour.CUDA, "--torch-backend " + v) : Source.UNKNOWN;
    }

    /** uv sync: the indexes [tool.uv.sources] points torch at, else the project's implicit ones, else PyPI. */
    private static Source uvSource(RunStep run, Call call, PyProject project) {
        List<String> named = project.uvSourceIndexes("torch");
        List<String> urls = project.uvIndexes().stream()
                .filter(i -> named.isEmpty() ? !i.explicit() : named.contains(i.name()))
                .map(PyProject.UvIndex::url).toList();
        if (!named.isEmpty() && urls.isEmpty()) {
            return Source.UNKNOWN;
        }
        List<String> all = new ArrayList<>(urls);
        Call.Options options = call.options("--index", "--default-index", "--index-url", "--extra-index-url");
        all.addAll(options.values("--index", "--default-index", "--index-url", "--extra-index-url"));
        for (String variable : INDEX_VARIABLES) {
            String value = run.variable(variable);
            if (value != null && !value.isBlank()) {
                all.add(value);
            }
        }
        return classify(all);
    }

    /**
     * poetry install: the source a torch dependency names ({@code {source = "pytorch-cpu"}}), else the primary sources
     * (which replace the implicit PyPI), else PyPI. A supplemental source is asked only for what the primary ones
     * lack, which PyPI does not for torch.
     */
    private static Source poetrySource(PyProject project) {
        List<String> named = project.poetrySourcesOf("torch");
        List<String> urls = new ArrayList<>();
        for (PyProject.PoetrySource source : project.poetrySources()) {
            boolean takes = named.isEmpty() ? List.of("primary", "default").contains(source.priority())
                    : named.contains(source.name());
            if (takes) {
                urls.add(source.url() == null && source.name().equalsIgnoreCase("pypi")
                        ? "https://pypi.org/simple" : source.url() == null ? "$" : source.url());
            }
        }
        if (!named.isEmpty() && urls.isEmpty()) {
            return Source.UNKNOWN;
        }
        return classify(urls);
    }

    /** The build a set of indexes gives: PyPI's when there is none, unknown when one is a variable or a mirror. */
    private static Source classify(List<String> indexes) {
        Flavour found = null;
        String from = null;
        for (String index : indexes) {
            Matcher m = PYTORCH_INDEX.matcher(index);
            String build = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
            Flavour flavour = build == null || index.contains("$") ? (index.contains("pypi.org/simple")
                    && !index.contains("$") ? null : Flavour.UNKNOWN)
                    : build.equals("cpu") ? Flavour.CPU : build.matches("cu\\d+") ? Flavour.CUDA : Flavour.UNKNOWN;
            if (flavour == null) {
                continue;
            }
            if (found != null && found != flavour) {
                return Source.UNKNOWN;
            }
            found = flavour;
            from = index;
        }
        if (found == null) {
            return new Source(Flavour.PYPI, "PyPI's default wheel, which depends on the nvidia-*-cu12 packages");
        }
        return found == Flavour.UNKNOWN ? Source.UNKNOWN : new Source(found, from);
    }

    // ---- the hardware

    /** Why the image is meant for a GPU, in words ("starts FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04"), or empty. */
    private static Optional<String> gpuImage(ReviewContext context, BuiltImage image) {
        if (image.rootBase() instanceof BaseImage.External external && external.reference() != null
                && cudaImage(external.reference())) {
            return Optional.of("starts FROM " + external.expanded() + ", a CUDA image");
        }
        for (Container c : image.containers()) {
            if (c.service() != null && ModelServers.requestsGpu(c.service().node())) {
                return Optional.of("runs as the compose service " + c.name() + ", which asks for a GPU");
            }
        }
        for (KubernetesRuns run : KubernetesRuns.of(context, image)) {
            if (run.container().resources().requestsGpu()) {
                return Optional.of("runs in " + run.workload().file() + " (container " + run.container().name()
                        + "), which asks for a GPU");
            }
            if (run.workload().nvidiaRuntime()) {
                return Optional.of("runs in " + run.workload().file() + " (container " + run.container().name()
                        + ") under the NVIDIA container runtime (runtimeClassName: " + run.workload().runtimeClassName()
                        + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean cudaImage(ImageReference ref) {
        String name = ref.familiarName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTagLowerCase();
        return name.equals("nvidia/cuda") || name.equals("nvcr.io/nvidia/cuda") || name.equals("nvcr.io/nvidia/pytorch")
                || name.equals("pytorch/pytorch") && tag.contains("cuda");
    }

    /**
     * Whether the image runs without a GPU for sure: some compose service or Kubernetes container runs it, none of
     * them (nor any other service of the project) asks for a GPU or sets NVIDIA_VISIBLE_DEVICES, and it is built for
     * amd64 (not for arm64 alone).
     */
    private static boolean cpuOnlyDeployment(ReviewContext context, BuiltImage image) {
        boolean deployed = image.containers().stream().anyMatch(Container::isComposeService)
                || !KubernetesRuns.of(context, image).isEmpty();
        if (!deployed || armOnly(image)) {
            return false;
        }
        if (image.imageRuns().stream().anyMatch(r -> r.variable("NVIDIA_VISIBLE_DEVICES") != null)) {
            return false;
        }
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (ModelServers.requestsGpu(service.node()) || service.env("NVIDIA_VISIBLE_DEVICES").isPresent()) {
                return false;
            }
        }
        return context.project().kubernetesWorkloads().stream().noneMatch(KubeWorkload::nvidiaRuntime)
                && context.project().kubernetesWorkloads().stream().flatMap(w -> w.containers().stream())
                        .noneMatch(c -> c.resources().requestsGpu() || c.value("NVIDIA_VISIBLE_DEVICES") != null);
    }

    /** Whether every platform the image is built for that drydock can see is arm64 (and there is one). */
    private static boolean armOnly(BuiltImage image) {
        List<String> platforms = new ArrayList<>();
        String fromPlatform = dev.drydock.core.rules.support.Stages.rootStage(image.model(), image.stage()).platform();
        if (fromPlatform != null) {
            platforms.add(fromPlatform);
        }
        for (Container c : image.containers()) {
            if (c.service() != null) {
                String platform = c.service().node().string("platform");
                if (platform != null) {
                    platforms.add(platform);
                }
                if (c.service().node().at("build.platforms") instanceof dev.drydock.core.compose.SeqNode seq) {
                    seq.items().forEach(item -> {
                        if (item instanceof dev.drydock.core.compose.ScalarNode s && s.value() != null) {
                            platforms.add(s.value());
                        }
                    });
                }
            }
        }
        return !platforms.isEmpty() && platforms.stream().allMatch(p -> p.toLowerCase(Locale.ROOT).contains("arm64")
                || p.toLowerCase(Locale.ROOT).contains("aarch64"));
    }

    private static Optional<String> baseName(BuiltImage image) {
        return image.rootBase() instanceof BaseImage.External external ? Optional.of(external.expanded())
                : Optional.empty();
    }
}
