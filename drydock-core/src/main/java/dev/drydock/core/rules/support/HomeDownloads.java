package dev.drydock.core.rules.support;

import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import java.util.List;
import java.util.Optional;

/**
 * Python packages that download models or data into the home folder of the user they run as, and whether an image
 * installs one. The Hugging Face libraries cache under ~/.cache/huggingface (HF_HOME), torch hub under
 * ~/.cache/torch (TORCH_HOME), NLTK under ~/nltk_data, Keras under ~/.keras: a user created without a home
 * (useradd --no-create-home, adduser -H) has none it can write to, and the first download fails with a permission
 * error.
 */
public final class HomeDownloads {

    /** The packages, by their normalised PyPI names. */
    public static final List<String> PACKAGES = List.of("transformers", "sentence-transformers",
            "huggingface-hub", "diffusers", "datasets", "timm", "torch", "torchvision", "torchaudio", "nltk",
            "tensorflow", "tensorflow-cpu", "keras", "easyocr", "vllm");

    private HomeDownloads() {}

    /** The folder under the home folder a package downloads into, with the variable that moves it where there is one. */
    public static String folder(String pkg) {
        return switch (pkg) {
            case "torch", "torchvision", "torchaudio" -> "~/.cache/torch (TORCH_HOME)";
            case "nltk" -> "~/nltk_data (NLTK_DATA)";
            case "tensorflow", "tensorflow-cpu", "keras" -> "~/.keras (KERAS_HOME)";
            case "easyocr" -> "~/.EasyOCR";
            default -> "~/.cache/huggingface (HF_HOME)";
        };
    }

    /**
     * The first such package the image's Python dependencies (its dependency manifests, or a pip install of the
     * package by name) include, if any.
     */
    public static Optional<String> packageOf(Container container) {
        var declared = AppFacts.dependencies(container, Ecosystem.PYPI, PACKAGES);
        if (!declared.isEmpty()) {
            return Optional.of(declared.get(0).normalizedName());
        }
        var model = container.build().model();
        for (RunStep run : RunStep.of(model, Stages.inImage(model, container.build().stage()))) {
            for (Call call : run.calls()) {
                Optional<String> installed = PipCommands.install(call).stream()
                        .flatMap(i -> i.packages().stream())
                        .map(p -> LanguageInstalls.name(p.value()).replace('_', '-'))
                        .filter(PACKAGES::contains)
                        .findFirst();
                if (installed.isPresent()) {
                    return installed;
                }
            }
        }
        return Optional.empty();
    }
}
