package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.image.ImageReference;
import java.util.Locale;
import java.util.Optional;

/**
 * Compose services that serve a machine-learning model: those that pull a known inference server's image (vLLM,
 * also from ghcr.io/vllm-project,
 * text-generation-inference, Ollama, Triton, SGLang, NVIDIA NIM, Immich's machine learning), and those that ask for a GPU. Their memory is
 * the model's weights while they load (read into host memory before they move to the GPU, or held there on a CPU),
 * which no default fits.
 */
public final class ModelServers {

    private ModelServers() {}

    /** The inference server a service's pulled image runs, in words, if it is one known here. */
    public static Optional<String> of(Service service) {
        Optional<ImageReference> image = ComposeServices.pulledImage(service);
        if (image.isEmpty()) {
            return Optional.empty();
        }
        String name = image.get().familiarName().toLowerCase(Locale.ROOT);
        if (isVllm(name)) {
            return Optional.of("vLLM");
        }
        if (name.equals("ghcr.io/huggingface/text-generation-inference")) {
            return Optional.of("text-generation-inference");
        }
        if (name.equals("ollama/ollama")) {
            return Optional.of("Ollama");
        }
        if (name.equals("nvcr.io/nvidia/tritonserver")) {
            return Optional.of("Triton Inference Server");
        }
        if (name.equals("lmsysorg/sglang")) {
            return Optional.of("SGLang");
        }
        if (name.equals("ghcr.io/immich-app/immich-machine-learning")) {
            return Optional.of("Immich machine learning");
        }
        if (name.startsWith("nvcr.io/nim/")) {
            return Optional.of("an NVIDIA NIM microservice");
        }
        return Optional.empty();
    }

    /**
     * Whether an image's familiar name (lower case) is vLLM's: vllm/vllm-openai (and its vllm/vllm-openai-* variants)
     * on Docker Hub, and the same server as ghcr.io/vllm-project/vllm-openai or ghcr.io/vllm-project/vllm; not the
     * project's other images there (semantic-router, guidellm), which serve no model.
     */
    public static boolean isVllm(String name) {
        return name.equals("vllm/vllm-openai") || name.startsWith("vllm/vllm-openai-")
                || name.equals("ghcr.io/vllm-project/vllm-openai") || name.equals("ghcr.io/vllm-project/vllm");
    }

    /** Whether the service asks for a GPU: a device reservation, gpus:, runtime: nvidia or a CDI GPU device. */
    public static boolean requestsGpu(MapNode service) {
        if (service.has("gpus") || "nvidia".equals(service.string("runtime"))) {
            return true;
        }
        SeqNode devices = service.seq("devices");
        if (devices != null && devices.items().stream().anyMatch(item -> item instanceof ScalarNode s
                && s.value() != null && s.value().toLowerCase(Locale.ROOT).contains("nvidia"))) {
            return true;
        }
        return reservesDevices(service);
    }

    /** Whether the service has a non-empty deploy.resources.reservations.devices list. */
    public static boolean reservesDevices(MapNode service) {
        Node reserved = service.at("deploy.resources.reservations.devices");
        return reserved instanceof SeqNode devices && !devices.items().isEmpty();
    }
}
