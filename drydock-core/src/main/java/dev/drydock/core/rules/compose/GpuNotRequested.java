package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ModelServers;
import java.util.Locale;
import java.util.Optional;

@RuleDefinition(
        id = "gpu-not-requested",
        title = "An image that needs an NVIDIA GPU runs without asking for one",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Compose services that pull an image made only for NVIDIA GPUs: vLLM's vllm/vllm-openai (its CUDA"
                + " tags; the -rocm and -cpu tags and vLLM's CPU images are other hardware) and NVIDIA NIM"
                + " microservices (nvcr.io/nim/...). Fires when the service requests no GPU: no"
                + " `deploy.resources.reservations.devices` entry with the gpu capability (or the nvidia driver), no"
                + " `gpus:`, no `runtime: nvidia` and no CDI device such as `nvidia.com/gpu=all` under `devices:`."
                + " Not for development files or services scaled to zero. Images that also run on a CPU (Ollama,"
                + " Triton, text-generation-inference's CPU builds) are left alone.",
        problem = "A container sees the host's GPUs only when it asks for them: Compose passes them through a device"
                + " reservation (or `gpus:`), which the NVIDIA Container Toolkit turns into the devices and driver"
                + " libraries inside the container.",
        impact = "The server finds no CUDA device and exits at startup (vLLM: it cannot infer the device type), and the"
                + " restart policy restarts it in a loop; only a host whose Docker daemon makes the nvidia runtime its"
                + " default hides the omission, and the stack then breaks on the next host.",
        recommendation = "Reserve the GPUs under the service: `deploy: {resources: {reservations: {devices: [{driver:"
                + " nvidia, count: all, capabilities: [gpu]}]}}}` (or a count or device_ids to share the host), with the"
                + " NVIDIA Container Toolkit installed on the host.",
        references = {
                "https://docs.docker.com/compose/how-tos/gpu-support/",
                "https://docs.docker.com/reference/compose-file/deploy/#devices",
                "https://docs.vllm.ai/en/latest/deployment/docker.html"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          llm:
                            image: vllm/vllm-openai:v0.6.3
                            command: ["--model", "Qwen/Qwen2.5-1.5B-Instruct"]
                        """,
                good = """
                        services:
                          llm:
                            image: vllm/vllm-openai:v0.6.3
                            command: ["--model", "Qwen/Qwen2.5-1.5B-Instruct"]
                            deploy:
                              resources:
                                reservations:
                                  devices:
                                    - driver: nvidia
                                      count: all
                                      capabilities: [gpu]
                        """))
public final class GpuNotRequested implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (ref.inDevelopmentFile() || ComposeServices.scaledToZero(service) || ModelServers.requestsGpu(service.node())) {
                continue;
            }
            Optional<String> server = gpuOnlyServer(service);
            if (server.isEmpty()) {
                continue;
            }
            Location at = ComposeServices.keyed(service.node(), "image");
            context.finding(this, at != null ? at : ref.nameLocation(), ref.name() + " runs " + server.get() + " ("
                            + service.image().value() + "), which needs an NVIDIA GPU, but the service asks for none"
                            + " (no GPU device reservation, `gpus:` or nvidia runtime): the container starts without"
                            + " a CUDA device and the server exits, unless the host's Docker daemon runs every"
                            + " container with the nvidia runtime")
                    .recommendation("Add to " + ref.name() + ": `deploy: {resources: {reservations: {devices: [{driver:"
                            + " nvidia, count: all, capabilities: [gpu]}]}}}` (count: 1 or device_ids: [\"0\"] to leave"
                            + " the other GPUs to other services).")
                    .add();
        }
    }

    /** The GPU-only server a service's pulled image runs, in words, if it is one known here. */
    private static Optional<String> gpuOnlyServer(Service service) {
        Optional<ImageReference> image = ComposeServices.pulledImage(service);
        if (image.isEmpty()) {
            return Optional.empty();
        }
        String name = image.get().familiarName().toLowerCase(Locale.ROOT);
        String tag = image.get().effectiveTagLowerCase();
        if (ModelServers.isVllm(name) && !name.startsWith("vllm/vllm-openai-") && !tag.contains("rocm") && !tag.contains("cpu")) {
            return Optional.of("vLLM's OpenAI-compatible server");
        }
        if (name.startsWith("nvcr.io/nim/")) {
            return Optional.of("an NVIDIA NIM microservice");
        }
        return Optional.empty();
    }
}
