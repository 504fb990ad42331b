package dev.drydock.core.rules.support;

import dev.drydock.core.app.SourceSet;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPU images that come as a development and a runtime flavour, and what needs the development one at run time.
 * nvidia/cuda (also nvcr.io/nvidia/cuda) publishes each release as base, runtime and devel, with cuDNN variants of
 * runtime and devel: devel is the runtime image plus the compiler tool chain, the debugging tools, the headers and
 * the static libraries ({@code 12.4.1-cudnn-devel-ubuntu22.04} is built FROM {@code 12.4.1-devel-ubuntu22.04}, which
 * is built FROM {@code 12.4.1-runtime-ubuntu22.04}). pytorch/pytorch publishes each tag as
 * {@code <version>-cuda<x>-cudnn<y>-runtime} (on Ubuntu) and {@code -devel} (on nvidia/cuda's cudnn devel image).
 */
public final class GpuImages {

    private static final Set<String> CUDA_REPOSITORIES = Set.of("docker.io/nvidia/cuda", "nvcr.io/nvidia/cuda");
    private static final Pattern PYTORCH_DEVEL = Pattern.compile("(?i)(.+)-devel");

    /**
     * Code that compiles GPU kernels when it runs: torch.compile (Inductor generates Triton kernels, and Triton builds
     * their launchers with the host C compiler), Triton kernels of the application's own.
     */
    private static final Pattern JIT_SOURCE = Pattern.compile(
            "\\btorch\\.compile\\b|^[ \\t]*(?:import\\s+triton\\b|from\\s+triton\\b)", Pattern.MULTILINE);

    /** Programs that compile at run time: nvcc itself, and servers that JIT-compile kernels (vLLM, SGLang). */
    private static final Set<String> COMPILING_PROGRAMS = Set.of("nvcc", "vllm", "sglang");

    private GpuImages() {}

    /** The runtime tag of the same release when {@code ref} names a development tag of a known GPU image; else empty. */
    public static Optional<String> runtimeFor(ImageReference ref) {
        String full = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.tag();
        if (tag == null) {
            return Optional.empty();
        }
        if (CUDA_REPOSITORIES.contains(full)) {
            List<String> parts = List.of(tag.split("-"));
            int devel = parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList().indexOf("devel");
            if (devel < 0) {
                return Optional.empty();
            }
            String[] runtime = parts.toArray(String[]::new);
            runtime[devel] = "runtime";
            return Optional.of(ref.familiarName() + ":" + String.join("-", runtime));
        }
        if (full.equals("docker.io/pytorch/pytorch")) {
            Matcher m = PYTORCH_DEVEL.matcher(tag);
            return m.matches() ? Optional.of(ref.familiarName() + ":" + m.group(1) + "-runtime") : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Why the containers of the image compile GPU code when they run, in words, or empty: a command that runs nvcc,
     * vLLM or SGLang, or application code that calls torch.compile or imports Triton.
     */
    public static Optional<String> compilesAtRunTime(Project project, List<Container> containers) {
        for (Container c : containers) {
            EntryPoint ep = Processes.serving(c);
            Optional<String> program = ep == null ? ImageRole.program(c) : program(ep);
            if (program.isPresent() && COMPILING_PROGRAMS.contains(program.get())) {
                return Optional.of("its command runs " + program.get());
            }
            Optional<String> source = jitSource(SourceSet.of(project, c));
            if (source.isPresent()) {
                return source;
            }
        }
        return Optional.empty();
    }

    /** The program of a command: the top-level package of {@code python -m vllm.entrypoints...}, else argv[0]'s name. */
    private static Optional<String> program(EntryPoint ep) {
        if (ep.target() != null && ep.target().module() != null) {
            String module = ep.target().module();
            return Optional.of(module.contains(".") ? module.substring(0, module.indexOf('.')) : module);
        }
        return ep.args().isEmpty() ? Optional.empty()
                : Optional.of(ep.args().get(0).substring(ep.args().get(0).lastIndexOf('/') + 1));
    }

    private static Optional<String> jitSource(SourceSet sources) {
        for (String path : sources.paths()) {
            if (!path.endsWith(".py")) {
                continue;
            }
            Optional<SourceFile> file = sources.read(path);
            if (file.isEmpty()) {
                continue;
            }
            Matcher m = JIT_SOURCE.matcher(file.get().text());
            if (m.find()) {
                int line = file.get().position(m.start()).line();
                return Optional.of(path + " line " + line + (m.group().contains("compile") ? " calls torch.compile"
                        : " imports Triton"));
            }
        }
        return Optional.empty();
    }
}
