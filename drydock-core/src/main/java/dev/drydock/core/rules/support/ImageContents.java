package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.shell.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which programs the image a container runs contains: what its base image is known to ship
 * ({@link BaseImageFacts#tools}) plus what the final stage (and the stages it is built on)
 * installs with apt, apk, dnf/yum/microdnf or zypper ({@link PackageCommands}), minus what it
 * removes again, plus binaries copied in from other stages or images; and the Python packages pip
 * installs by name in any stage ({@link PipCommands}).
 */
public final class ImageContents {

    private static final Pattern VERSION_SPEC = Pattern.compile("[\\[<>=!~;@ ].*$");
    private static final Pattern SEPARATOR_RUNS = Pattern.compile("[-_.]+");
    private static final Pattern PYTHON3_MINOR = Pattern.compile("python3\\.\\d+");
    private static final Pattern JAVA_PACKAGE = Pattern.compile("(openjdk-\\d+-jre.*|default-jre.*|java-\\d+-openjdk.*)");

    /** A program (or Python package) the Dockerfile puts into the image, and where. */
    public record Install(String program, String pkg, Origin origin) {}

    private final ImageTools base;
    private final String baseImage;
    private final Map<String, Install> installed;
    private boolean python2;
    private final Map<String, Install> pythonPackages;
    private final Map<String, Origin> removed;
    private final Set<String> conditional;
    private final String path;
    private final ImageReference reference;
    /** Where the Dockerfile puts a program outside the folders of the base image's PATH, by program. */
    private final Map<String, String> locations = new LinkedHashMap<>();

    private ImageContents(ImageTools base, String baseImage, Map<String, Install> installed,
            Map<String, Install> pythonPackages, Map<String, Origin> removed, Set<String> conditional, String path,
            ImageReference reference) {
        this.reference = reference;
        this.base = base;
        this.baseImage = baseImage;
        this.installed = installed;
        this.pythonPackages = pythonPackages;
        this.removed = removed;
        this.conditional = conditional;
        this.path = path;
    }

    /**
     * The contents of a container's image: built here (base image and Dockerfile), or pulled by
     * name (what the image is known to ship); null when neither can be told.
     */
    public static ImageContents of(Container container) {
        if (container.build() == null && container.image() != null) {
            ImageReference ref = ImageReference.tryParse(container.image()).orElse(null);
            if (ref == null || !ref.isImage()) {
                return null;
            }
            ImageTools tools = BaseImageFacts.tools(new BaseImage.External(container.image(), container.image(), ref,
                    null)).orElse(null);
            return new ImageContents(tools, container.image(), Map.of(), Map.of(), Map.of(), Set.of(), null, ref);
        }
        if (container.build() == null || container.build().stage() == null || container.build().model() == null) {
            return null;
        }
        return container.build().model().derived("image-contents", container.build(), () -> built(container));
    }

    /** The contents of an image built here, read from its Dockerfile. */
    private static ImageContents built(Container container) {
        DockerfileModel model = container.build().model();
        Stage stage = container.build().stage();
        String file = container.build().dockerfile();
        BaseImage root = Stages.rootBase(model, stage);
        String written = root instanceof BaseImage.External e ? e.expanded()
                : root instanceof BaseImage.Scratch ? "scratch" : "its base image";
        List<Stage> inImage = Stages.inImage(model, stage);
        Map<String, Install> installed = new LinkedHashMap<>();
        Map<String, List<String>> virtual = new LinkedHashMap<>();
        Map<String, Origin> removed = new LinkedHashMap<>();
        Set<String> conditional = new HashSet<>();
        for (RunStep run : RunStep.of(model, inImage)) {
            Origin at = new Origin(file, run.instruction().span());
            if (GrpcHealthProbe.named(run.text())) {
                GrpcHealthProbe.NAMES.forEach(name -> installed.put(name, new Install(name, null, at)));
            }
            List<Call> calls = run.calls().stream().map(run::expanded).toList();
            List<Call> aptMarks = AptMarkPurge.relevant(calls);
            int marksAfter = 0; // aptMarks.get(marksAfter) is the first of them after call i
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                while (marksAfter < aptMarks.size() && aptMarks.get(marksAfter) == call) {
                    marksAfter++;
                }
                List<Call> after = aptMarks.subList(marksAfter, aptMarks.size());
                String interpreter = interpreterRun(call);
                if ("python3".equals(interpreter) && call.is("pip") && python2(installed)) {
                    interpreter = null; // Python 2's pip, from the Dockerfile's own python-pip
                }
                if (interpreter != null) {
                    installed.putIfAbsent(interpreter, new Install(interpreter, null, at));
                }
                if (inBranch(call)) {
                    PackageCommands.install(call).ifPresent(op -> op.names().forEach(
                            pkg -> conditional.addAll(programs(op.manager(), pkg))));
                    continue;
                }
                PackageCommands.install(call).ifPresent(op -> {
                    if (op.virtual() != null) {
                        virtual.put(op.virtual(), op.names());
                    }
                    for (String pkg : op.names()) {
                        if (op.manager() == PackageCommands.Manager.APT && AptMarkPurge.removes(after, pkg)) {
                            programs(op.manager(), pkg).forEach(program -> removed.put(program, at));
                            continue;
                        }
                        for (String program : programs(op.manager(), pkg)) {
                            installed.put(program, new Install(program, pkg, at));
                        }
                        for (String program : dependencyPrograms(op.manager(), pkg)) {
                            installed.putIfAbsent(program, new Install(program, pkg, at));
                        }
                    }
                });
                PackageCommands.removal(call).ifPresent(op -> {
                    for (String pkg : op.names()) {
                        for (String member : virtual.getOrDefault(pkg, List.of(pkg))) {
                            for (String program : programs(op.manager(), member)) {
                                if (installed.remove(program) != null) {
                                    removed.put(program, at);
                                }
                            }
                        }
                    }
                });
            }
        }
        for (Stage s : inImage) {
            for (CopyCommand copy : s.copies()) {
                Origin at = new Origin(file, copy.instruction().span());
                String dest = copy.destination();
                if (GrpcHealthProbe.named(dest) || copy.sources().stream().anyMatch(GrpcHealthProbe::named)) {
                    // downloaded by ADD, copied from the context, a stage or the probe's own image, under either name
                    GrpcHealthProbe.NAMES.forEach(name -> installed.put(name, new Install(name, null, at)));
                }
                if (copy.fromContext()) {
                    continue;
                }
                for (String src : copy.sources()) {
                    String name = dest.endsWith("/") ? src.substring(src.lastIndexOf('/') + 1)
                            : dest.substring(dest.lastIndexOf('/') + 1);
                    if (BaseImageFacts.ASKED.contains(name)) {
                        installed.put(name, new Install(name, null, at));
                    }
                }
            }
        }
        ImageContents contents = new ImageContents(BaseImageFacts.tools(root).orElse(null), written, installed,
                pythonPackages(model, file), removed, conditional, stage.variables().lookup("PATH"),
                root instanceof BaseImage.External external ? external.reference() : null);
        contents.python2 = python2(installed);
        if (root instanceof BaseImage.External external && isMicromamba(external.reference())) {
            condaPython(container, model, inImage, file).ifPresent(python -> {
                installed.putIfAbsent("python", new Install("python", "python", python.origin()));
                installed.putIfAbsent("python3", new Install("python3", "python", python.origin()));
                contents.locations.put("python", python.pkg());
                contents.locations.put("python3", python.pkg() + "3");
            });
        }
        return contents;
    }

    private static boolean isMicromamba(ImageReference reference) {
        return reference != null && reference.fullName() != null && reference.fullName().toLowerCase(Locale.ROOT).equals("docker.io/mambaorg/micromamba");
    }

    /** Programs whose use in the container's command shows that the environment installed has Python. */
    private static final Set<String> PYTHON_PROGRAMS = Set.of("python", "python3", "uvicorn", "gunicorn", "hypercorn",
            "daphne", "flask", "streamlit", "celery", "jupyter", "waitress-serve", "fastapi");

    /**
     * The python a micromamba, mamba or conda install or create puts into a conda environment of the micromamba image
     * (its own PATH lacks the environment's bin folder: only its entry point and the RUN shell activate it), as an
     * Install whose pkg is the executable's path: the environment installs python when it names it ({@code python=3.12})
     * or, for an environment file, when the container's command runs Python.
     */
    private static Optional<Install> condaPython(Container container, DockerfileModel model, List<Stage> inImage,
            String file) {
        String root = Optional.ofNullable(container.build().stage().variables().lookup("MAMBA_ROOT_PREFIX"))
                .filter(v -> v.startsWith("/") && !v.contains("$")).orElse("/opt/conda");
        List<String> argv = container.command() == null ? List.of() : container.command().argv();
        String program = argv.isEmpty() ? "" : argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        boolean commandRunsPython = PYTHON_PROGRAMS.contains(program);
        for (RunStep run : RunStep.of(model, inImage)) {
            for (Call call : run.calls()) {
                if (!call.is("micromamba", "mamba", "conda") || call.args().isEmpty()
                        || !List.of("install", "create").contains(call.args().get(0).value())) {
                    continue;
                }
                Call.Options options = call.as(call.name() + "-" + call.args().get(0).value(), call.args().get(0), 1)
                        .options("-n", "--name", "-p", "--prefix", "-f", "--file", "-c", "--channel",
                                "-r", "--root-prefix");
                boolean named = options.operands().stream().anyMatch(a -> a.value().matches(
                        "(?i)([\\w.-]+::)?python([=<>!~ ].*)?"));
                if (!named && !(options.has("-f", "--file") && commandRunsPython)) {
                    continue;
                }
                List<String> names = options.values("-n", "--name");
                List<String> prefixes = options.values("-p", "--prefix");
                String prefix = !prefixes.isEmpty() ? prefixes.get(0)
                        : names.isEmpty() || names.get(0).equals("base") ? root : root + "/envs/" + names.get(0);
                if (!prefix.startsWith("/") || prefix.contains("$")) {
                    continue;
                }
                return Optional.of(new Install("python", prefix.replaceAll("/+$", "") + "/bin/python",
                        new Origin(file, run.instruction().span())));
            }
        }
        return Optional.empty();
    }

    /**
     * How a probe names {@code program}: by the path where the Dockerfile put it when that folder is not on the
     * image's PATH (python in a conda environment of the micromamba image: /opt/conda/bin/python), else by name.
     */
    public String command(String program) {
        String at = locations.get(program);
        if (at == null) {
            return program;
        }
        String folder = at.substring(0, at.lastIndexOf('/'));
        boolean onPath = path != null && java.util.Arrays.stream(path.split(":"))
                .anyMatch(dir -> dir.equals(folder) || dir.equals(folder + "/"));
        return onPath ? program : at;
    }

    /** Whether the command runs only in some builds: inside an if, elif, else or case branch. */
    private static boolean inBranch(Call call) {
        return call.command() != null && (call.command().in(Scope.IF_BRANCH) || call.command().in(Scope.CASE_BRANCH));
    }

    /**
     * The interpreter a RUN step shows the image has by running it, or pip, which comes with it: python for
     * {@code python}, else python3 (a base image drydock knows nothing of, whose pip install ran).
     */
    private static String interpreterRun(Call call) {
        if (call.is("python")) {
            return "python";
        }
        return call.is("python3", "pip", "pip3") ? "python3" : null;
    }

    /**
     * Python packages named on pip (or {@code uv pip}) install and wheel lines of any stage: a virtualenv or wheels
     * may be copied on.
     */
    private static Map<String, Install> pythonPackages(DockerfileModel model, String file) {
        Map<String, Install> out = new LinkedHashMap<>();
        for (RunStep run : RunStep.of(model, model.stages())) {
            for (Call call : run.calls()) {
                Call pip = call.is("uv") && call.args().size() > 1 && call.args().get(0).value().equals("pip")
                        ? call.as("pip", call.args().get(0), 1) : call;
                PipCommands.install(pip).or(() -> PipCommands.wheel(pip)).ifPresent(install -> {
                    for (Call.Arg arg : install.packages()) {
                        String name = SEPARATOR_RUNS.matcher(VERSION_SPEC.matcher(arg.value()).replaceAll("")
                                .toLowerCase(Locale.ROOT)).replaceAll("-");
                        if (!name.isEmpty() && !name.contains("/")) {
                            out.putIfAbsent(name, new Install(name, arg.value(),
                                    new Origin(file, run.instruction().span())));
                        }
                    }
                });
            }
        }
        return out;
    }

    /** Where a Python package ({@code gunicorn}, normalised) is installed by name on a pip line, if it is. */
    public Optional<Install> pythonPackage(String normalizedName) {
        return Optional.ofNullable(pythonPackages.get(normalizedName));
    }

    /**
     * The programs a package provides, among those drydock asks about. Debian's and Ubuntu's python3
     * has no {@code python} command (python-is-python3 adds it); Alpine's has.
     */
    static List<String> programs(PackageCommands.Manager manager, String pkg) {
        String p = pkg.toLowerCase(Locale.ROOT);
        if (p.startsWith("python3") && (p.equals("python3") || p.equals("python3-minimal") || PYTHON3_MINOR.matcher(p).matches())) {
            return manager == PackageCommands.Manager.APT ? List.of("python3") : List.of("python3", "python");
        }
        if (p.equals("python-is-python3")) {
            return List.of("python");
        }
        return switch (p) {
            case "curl" -> List.of("curl");
            case "wget", "wget2" -> List.of("wget");
            case "busybox", "busybox-static", "busybox-extras" -> List.of("wget", "nc", "sh");
            case "netcat", "netcat-openbsd", "netcat-traditional", "nmap-ncat", "ncat", "netcat-gnu" -> List.of("nc");
            case "python", "python-minimal", "python-pip", "python-dev" -> List.of("python");
            case "nodejs" -> List.of("node");
            case "bash" -> List.of("bash");
            case "procps", "procps-ng" -> List.copyOf(BaseImageFacts.PROCPS);
            case "chromium", "chromium-browser", "chromium-headless-shell", "google-chrome-stable" -> List.of("chromium");
            default -> JAVA_PACKAGE.matcher(p).matches() ? List.of("java") : List.of();
        };
    }

    /**
     * The programs a package brings in through its dependencies, among those drydock asks about: Debian's python3-*
     * libraries and its gunicorn and uvicorn packages depend on python3 (Debian's Python policy), Alpine's py3-*
     * packages on python3, its py2-* and py-* packages on python2. Only for installs: removing such a package leaves its dependencies in place.
     */
    static List<String> dependencyPrograms(PackageCommands.Manager manager, String pkg) {
        String p = pkg.toLowerCase(Locale.ROOT);
        if (manager == PackageCommands.Manager.APT && (p.startsWith("python3-") || p.equals("gunicorn") || p.equals("uvicorn"))) {
            return List.of("python3");
        }
        if (manager == PackageCommands.Manager.APK && (p.startsWith("py2-") || p.startsWith("py-"))) {
            return List.of("python"); // Alpine's Python 2 packages (py2-pip, py-pip before 3.8) depend on python2
        }
        return manager == PackageCommands.Manager.APK && p.startsWith("py3-") ? List.of("python3", "python") : List.of();
    }

    /** Packages whose python is Python 2 (Debian's and Ubuntu's python, python-pip, python-dev; Alpine's old python). */
    private static final Set<String> PYTHON2_PACKAGES = Set.of("python", "python-minimal", "python-pip", "python-dev");

    private static boolean python2(Map<String, Install> installed) {
        Install python = installed.get("python");
        return python != null && python.pkg() != null && PYTHON2_PACKAGES.contains(python.pkg().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the image's python command is the Python 2 the Dockerfile installs (apt-get install python-pip): a
     * probe or server written for Python 3 fails under it.
     */
    public boolean python2() {
        return python2;
    }

    /** The base image's known tools, if the image is a known one. */
    public Optional<ImageTools> base() {
        return Optional.ofNullable(base);
    }

    /**
     * The name the image now gives {@code program}, when its base image no longer ships it by this name
     * ({@code mariadb-admin} for mysqladmin in mariadb:11) and the Dockerfile does not install it.
     */
    public Optional<String> renamed(String program) {
        return installed.containsKey(program) ? Optional.empty() : RenamedImagePrograms.renamed(reference, program);
    }

    /** The base image as written ({@code python:3.11-slim}). */
    public String baseImage() {
        return baseImage;
    }

    /**
     * Whether the image has {@code program}: installed by the Dockerfile, or shipped by a known base
     * image; empty when the base image is unknown and nothing installs it, or when only a branch of an
     * if or case installs it.
     */
    public Optional<Boolean> has(String program) {
        if (installed.containsKey(program)) {
            return Optional.of(true);
        }
        if (base == null || conditional.contains(program) && !base.has(program)
                && !(program.equals("sh") && base.shell())) {
            return Optional.empty();
        }
        if (program.equals("sh")) {
            return Optional.of(base.shell());
        }
        return Optional.of(base.has(program));
    }

    /**
     * Whether the image is known to lack one of procps' programs ({@code ps}, {@code pgrep}): its base image has no
     * procps ({@link BaseImageFacts#lacksProcps}) and the Dockerfile installs none, not even in a branch.
     */
    public boolean lacksProcps(String program) {
        return BaseImageFacts.PROCPS.contains(program) && !installed.containsKey(program)
                && !conditional.contains(program) && BaseImageFacts.lacksProcps(reference);
    }

    /**
     * Where the image keeps {@code program} when it has it but not in a folder of its PATH, so that naming it
     * without a path fails ({@code /nodejs/bin/node} in distroless's Node.js images, python in a conda environment
     * of the micromamba image, /opt/conda/bin/python, which only its entry point activates); empty when the name is
     * found on the PATH, the Dockerfile installs the program, or its ENV PATH adds the folder.
     */
    public Optional<String> offPath(String program) {
        if (locations.containsKey(program)) {
            String at = command(program);
            return at.equals(program) ? Optional.empty() : Optional.of(at);
        }
        if (base == null || installed.containsKey(program)) {
            return Optional.empty();
        }
        String at = base.executable(program);
        if (at.equals(program)) {
            return Optional.empty();
        }
        String folder = at.substring(0, at.lastIndexOf('/'));
        if (path != null && java.util.Arrays.stream(path.split(":")).anyMatch(
                dir -> dir.equals(folder) || dir.equals(folder + "/"))) {
            return Optional.empty();
        }
        return Optional.of(at);
    }

    /** Where the Dockerfile installs {@code program}, if it does. */
    public Optional<Install> installed(String program) {
        return Optional.ofNullable(installed.get(program));
    }

    /** The RUN that installs {@code program} and removes it again (an apk --virtual group deleted, a purge), if one does. */
    public Optional<Origin> removedAt(String program) {
        return installed.containsKey(program) ? Optional.empty() : Optional.ofNullable(removed.get(program));
    }

    /** Every program the Dockerfile installs. */
    public List<Install> installs() {
        return new ArrayList<>(installed.values());
    }
}
