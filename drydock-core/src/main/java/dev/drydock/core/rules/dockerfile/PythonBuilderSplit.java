package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.BuildTools;
import dev.drydock.core.rules.support.ImageSystems;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.PackageCommands.Manager;
import dev.drydock.core.rules.support.PackageCommands.Operation;
import dev.drydock.core.rules.support.PackageCommands.Package;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.RuntimePackages;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a single-stage Python image that compiles its dependencies into a builder stage and a
 * runtime stage on the same python base image. The builder keeps the stage's instructions up to its
 * last {@code pip install} (compilers, headers, the requirements) and installs into a virtualenv at
 * {@value #VENV}; the runtime stage starts again from the same FROM, installs only the runtime
 * libraries of the development packages, copies the virtualenv and puts it first on PATH, then goes
 * on with the rest of the original stage unchanged. No fix when anything in the stage does not fit
 * that shape: another package manager than apt or apk, a development package whose runtime library
 * is not known, {@code pip install --user} or an existing virtualenv, build tools installed after the
 * last pip install, a stage that is not the Dockerfile's last, stages referred to by index.
 */
final class PythonBuilderSplit {

    static final String VENV = "/opt/venv";

    private static final Set<String> MANIFEST_NAMES = Set.of("pyproject.toml", "setup.py", "setup.cfg",
            "poetry.lock", "pipfile", "pipfile.lock", "uv.lock", "pdm.lock");
    private static final Pattern REQUIREMENTS = Pattern.compile("(?i)(.*/)?(requirements|constraints)[\\w.-]*\\.(txt|in)");
    private static final Pattern INCLUDES_FILES = Pattern.compile("(?m)^\\s*(-r|-c|-e|--requirement|--constraint"
            + "|--editable|\\.|/|file:)");

    private PythonBuilderSplit() {}

    /** Where an instruction of the original stage goes. */
    private enum Place { BUILDER, RUNTIME, BOTH, BUILD_DEPENDENCIES, PIP }

    private record Part(Instruction instruction, Place place, CopyCommand copy, boolean pip) {

        /** Whether the dependencies' installation starts here: a COPY from the context or a pip install. */
        boolean dependency() {
            return pip || copy != null && copy.fromContext();
        }
    }

    static Optional<Fix> fix(Project project, BuiltImage image) {
        Stage stage = image.stage();
        var model = image.model();
        if (image.imageStages().size() != 1 || stage.index() != model.stages().size() - 1
                || !(stage.base() instanceof BaseImage.External external) || external.reference() == null
                || !"python".equals(ImageTags.officialName(external.reference()))) {
            return Optional.empty();
        }
        String manager = BaseImageFacts.tools(stage.base()).map(BaseImageFacts.ImageTools::packageManager).orElse(null);
        if (!"apt".equals(manager) && !"apk".equals(manager)) {
            return Optional.empty();
        }
        for (Stage s : model.stages()) {
            if (s.copies().stream().anyMatch(c -> c.from() != null && c.from().matches("\\d+"))) {
                return Optional.empty();
            }
        }
        List<RunStep> runs = RunStep.of(model, List.of(stage));
        int lastPip = -1;
        List<Step> steps = stage.steps();
        for (int i = 0; i < steps.size(); i++) {
            RunStep run = run(runs, steps.get(i).instruction());
            if (run != null && run.calls().stream().anyMatch(c -> PipCommands.install(c).isPresent())) {
                lastPip = i;
            }
        }
        if (lastPip < 0) {
            return Optional.empty();
        }
        for (Step later : steps.subList(lastPip + 1, steps.size())) {
            RunStep run = run(runs, later.instruction());
            if (run != null && (installsBuildTools(run) || run.calls().stream().anyMatch(c -> PipCommands.pip(c).isPresent()))) {
                return Optional.empty();
            }
        }
        List<Part> parts = new ArrayList<>();
        for (Step step : steps.subList(0, lastPip + 1)) {
            Part part = classify(step.instruction(), run(runs, step.instruction()), copy(stage, step.instruction()));
            if (part == null) {
                return Optional.empty();
            }
            parts.add(part);
        }
        List<String> runtimePackages = runtimePackages(parts, runs, ImageSystems.of(image.rootBase()));
        if (runtimePackages == null) {
            return Optional.empty();
        }
        String builderName = stage.name() != null && stage.name().equals("builder") ? "build" : "builder";
        SourceFile file = stage.from().file();
        String builder = builderText(project, image, stage, parts, steps, builderName);
        if (builder == null) {
            return Optional.empty();
        }
        String runtime = runtimeText(stage, parts, runtimePackages, manager, builderName);
        int start = file.lineStart(stage.from().startLine());
        int end = file.lineEnd(parts.get(parts.size() - 1).instruction().endLine());
        TextEdit edit = TextEdit.replace(file.path(), start, end, builder + "\n\n" + runtime);
        return Optional.of(Fix.of("split into a builder stage that compiles the dependencies into a virtualenv and a"
                + " runtime stage without compilers", FixSafety.UNSAFE, edit));
    }

    private static Part classify(Instruction instruction, RunStep run, CopyCommand copy) {
        InstructionKind kind = instruction.kind();
        switch (kind) {
            case ENV, ARG, WORKDIR, SHELL -> {
                return new Part(instruction, Place.BOTH, null, false);
            }
            case COPY, ADD -> {
                if (copy == null) {
                    return null;
                }
                boolean manifestsOnly = copy.fromContext() && !copy.sources().isEmpty()
                        && copy.sources().stream().allMatch(PythonBuilderSplit::isManifest);
                return new Part(instruction, manifestsOnly ? Place.BUILDER : Place.BOTH, copy, false);
            }
            case RUN -> {
                if (run == null) {
                    return null;
                }
                boolean pip = false;
                boolean packages = false;
                boolean other = false;
                for (Call call : run.calls()) {
                    Optional<PipCommands.Install> install = PipCommands.install(call);
                    if (install.isPresent()) {
                        if (install.get().options().has("--user", "--target", "-t", "--prefix", "--root")) {
                            return null;
                        }
                        pip = true;
                    } else if (PipCommands.pip(call).isPresent()) {
                        pip = true;
                    } else if (PackageCommands.Manager.of(call.name()).isPresent()) {
                        packages = true;
                    } else if (call.is("python", "python3") && call.args().stream().anyMatch(a -> a.value().equals("venv")
                            || a.value().equals("virtualenv"))) {
                        return null;
                    } else if (!call.is("rm")) {
                        other = true;
                    }
                }
                if (installsBuildTools(run)) {
                    return other ? null : new Part(instruction, Place.BUILD_DEPENDENCIES, null, pip);
                }
                if (pip) {
                    return other || packages ? null : new Part(instruction, Place.PIP, null, true);
                }
                return new Part(instruction, Place.RUNTIME, null, false);
            }
            case FROM, CMD, ENTRYPOINT, HEALTHCHECK, ONBUILD -> {
                return null;
            }
            default -> {
                return new Part(instruction, Place.RUNTIME, null, false);
            }
        }
    }

    /** The packages the runtime stage installs in place of the build dependencies, or null when one is unknown. */
    private static List<String> runtimePackages(List<Part> parts, List<RunStep> runs,
            Optional<ImageSystems.OperatingSystem> system) {
        Set<String> out = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part.place() != Place.BUILD_DEPENDENCIES) {
                continue;
            }
            for (Call call : run(runs, part.instruction()).calls()) {
                Optional<Operation> install = PackageCommands.install(call);
                if (install.isEmpty()) {
                    continue;
                }
                Manager manager = install.get().manager();
                if (manager != Manager.APT && manager != Manager.APK) {
                    return null;
                }
                for (Package p : install.get().packages()) {
                    if (!BuildTools.isBuildTool(p.name())) {
                        out.add(p.word().value());
                    } else if (BuildTools.isDevelopmentPackage(p.name())) {
                        var keep = RuntimePackages.forDevelopmentPackage(manager, p.name(), true, system);
                        if (keep.isEmpty()) {
                            return null;
                        }
                        if (keep.get() instanceof RuntimePackages.Keep.Package runtime) {
                            out.add(runtime.name());
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    // ---- the builder stage

    private static String builderText(Project project, BuiltImage image, Stage stage, List<Part> parts, List<Step> steps,
            String builderName) {
        StringBuilder out = new StringBuilder(fromLine(stage) + " AS " + builderName);
        int previous = stage.from().endLine();
        boolean venv = false;
        for (Part part : parts) {
            Instruction instruction = part.instruction();
            String chunk = normalize(InstructionLines.chunk(instruction, previous));
            previous = instruction.endLine();
            if (part.place() == Place.RUNTIME) {
                continue;
            }
            if (!venv && part.dependency()) {
                out.append("\n\n# The dependencies go into a virtualenv, which the runtime stage copies without the compilers")
                        .append("\nRUN python -m venv ").append(VENV)
                        .append("\nENV PATH=").append(VENV).append("/bin:$PATH");
                venv = true;
            }
            if (part.copy() != null) {
                String copyText = builderCopy(project, image, part, steps);
                if (copyText == null) {
                    return null;
                }
                String own = normalize(InstructionLines.text(instruction));
                chunk = chunk.substring(0, chunk.length() - own.length()) + copyText;
            }
            out.append(chunk);
        }
        return out.toString();
    }

    /**
     * The COPY as the builder runs it: without {@code --chown} (the builder has no such user), and
     * narrowed to the requirements files when it copies the whole context only for {@code pip install -r}.
     */
    private static String builderCopy(Project project, BuiltImage image, Part part, List<Step> steps) {
        CopyCommand copy = part.copy();
        Instruction instruction = part.instruction();
        String text = normalize(InstructionLines.text(instruction));
        Optional<Flag> chown = instruction.flag("chown");
        if (chown.isPresent()) {
            int offset = instruction.file().lineStart(instruction.startLine());
            int from = chown.get().span().start() - offset;
            int to = chown.get().span().end() - offset;
            while (to < text.length() && text.charAt(to) == ' ') {
                to++;
            }
            text = text.substring(0, from) + text.substring(to);
        }
        if (part.place() != Place.BOTH || !copy.fromContext() || !copy.sources().equals(List.of("."))) {
            return text;
        }
        List<String> files = requirementFilesOnly(project, image, steps);
        Step step = image.model().step(instruction).orElse(null);
        String workdir = step == null || step.workdir() == null ? "/" : step.workdir().value();
        if (files == null || copy.containerPath() == null
                || !stripSlash(copy.containerPath()).equals(stripSlash(workdir))) {
            return text;
        }
        return "COPY " + String.join(" ", files) + " " + copy.destination();
    }

    /**
     * The requirements files when every pip install of the stage installs only from them, and they
     * name no other file ({@code -r}, {@code -c}, {@code -e}, local paths); else null.
     */
    private static List<String> requirementFilesOnly(Project project, BuiltImage image, List<Step> steps) {
        Set<String> files = new LinkedHashSet<>();
        for (RunStep run : RunStep.of(image.model(), List.of(image.stage()))) {
            for (Call call : run.calls()) {
                Optional<PipCommands.Install> install = PipCommands.install(call);
                if (install.isEmpty()) {
                    continue;
                }
                if (install.get().installsProject() || install.get().packages().stream()
                        .anyMatch(p -> p.value().startsWith(".") || p.value().startsWith("/"))) {
                    return null;
                }
                files.addAll(install.get().requirementFiles());
            }
        }
        if (files.isEmpty()) {
            return null;
        }
        String context = image.container().build().context();
        for (String f : files) {
            if (f.startsWith("/") || f.contains("..") || f.contains("$")) {
                return null;
            }
            String path = context == null || context.isEmpty() || context.equals(".") ? f : context + "/" + f;
            var source = project.source(PathNames.normalizeRelative(path));
            if (source.isEmpty() || INCLUDES_FILES.matcher(source.get().text()).find()) {
                return null;
            }
        }
        return List.copyOf(files);
    }

    // ---- the runtime stage

    private static String runtimeText(Stage stage, List<Part> parts, List<String> packages, String manager,
            String builderName) {
        StringBuilder out = new StringBuilder(normalize(InstructionLines.text(stage.from())));
        int previous = stage.from().endLine();
        boolean venv = false;
        for (Part part : parts) {
            Instruction instruction = part.instruction();
            String chunk = normalize(InstructionLines.chunk(instruction, previous));
            previous = instruction.endLine();
            if (!venv && part.dependency()) {
                out.append("\n\nCOPY --from=").append(builderName).append(' ').append(VENV).append(' ').append(VENV)
                        .append("\nENV PATH=").append(VENV).append("/bin:$PATH");
                venv = true;
            }
            switch (part.place()) {
                case BOTH, RUNTIME -> out.append(chunk);
                case BUILD_DEPENDENCIES -> {
                    if (!packages.isEmpty()) {
                        out.append("\n\n# Runtime libraries only: the compilers and headers stay in the builder stage\n")
                                .append(installCommand(manager, packages));
                        packages = List.of();
                    }
                }
                default -> { }
            }
        }
        return out.toString();
    }

    private static String installCommand(String manager, List<String> packages) {
        if (manager.equals("apk")) {
            return "RUN apk add --no-cache " + String.join(" ", packages);
        }
        return "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends " + String.join(" ", packages)
                + " \\\n    && rm -rf /var/lib/apt/lists/*";
    }

    // ---- helpers

    private static String fromLine(Stage stage) {
        Instruction from = stage.from();
        StringBuilder out = new StringBuilder("FROM");
        for (Flag flag : from.flags()) {
            out.append(' ').append(from.file().text(flag.span()));
        }
        out.append(' ').append(from.file().text(dev.drydock.core.rules.support.Stages.imageSpan(stage)));
        return out.toString();
    }

    private static boolean installsBuildTools(RunStep run) {
        for (Call call : run.calls()) {
            Optional<Operation> install = PackageCommands.install(call);
            if (install.isPresent() && install.get().packages().stream().anyMatch(p -> BuildTools.isBuildTool(p.name()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isManifest(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return MANIFEST_NAMES.contains(name) || REQUIREMENTS.matcher(source).matches();
    }

    private static RunStep run(List<RunStep> runs, Instruction instruction) {
        return runs.stream().filter(r -> r.instruction() == instruction).findFirst().orElse(null);
    }

    private static CopyCommand copy(Stage stage, Instruction instruction) {
        return stage.copies().stream().filter(c -> c.instruction() == instruction).findFirst().orElse(null);
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n");
    }
}
