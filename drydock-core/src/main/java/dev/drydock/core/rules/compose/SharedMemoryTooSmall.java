package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ModelServers;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "shared-memory-too-small",
        title = "A model server runs with Docker's 64 MB of shared memory",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Compose services that pull vLLM's (vllm/vllm-openai), SGLang's (lmsysorg/sglang) or"
                + " text-generation-inference's image. Fires when nothing gives the container more than Docker's"
                + " default /dev/shm of 64 MB: no `shm_size` above 64 MB, no `ipc: host` (or an IPC namespace shared"
                + " with another service or container) and no tmpfs or volume mounted on /dev/shm. For"
                + " text-generation-inference, which needs the shared memory for NCCL when it shards the model over"
                + " several GPUs, quiet when it runs on one shard (`--num-shard 1`, `--sharded false`, or NUM_SHARD=1 and"
                + " SHARDED=false in its environment) or sets NCCL_SHM_DISABLE=1. Not for development files or services scaled to zero.",
        problem = "vLLM and SGLang run on PyTorch, whose worker processes pass tensors to each other through shared"
                + " memory, and NCCL falls back to host shared memory between GPUs that cannot reach each other"
                + " directly; Docker gives a container a /dev/shm of 64 MB unless told otherwise.",
        impact = "The server fails when /dev/shm fills: at start with an NCCL or bus error once it shards the model"
                + " over several GPUs (tensor parallelism), or later under load; on one GPU it may run for a while"
                + " and fail with the first larger batch.",
        recommendation = "Give the service a /dev/shm of its own sized to the load: `shm_size: 8gb` for vLLM and"
                + " SGLang, `shm_size: 1g` for text-generation-inference (the value of its README). `ipc: host`, the"
                + " servers' docker run examples, also works but shares the host's IPC namespace.",
        references = {
                "https://docs.vllm.ai/en/latest/deployment/docker.html",
                "https://github.com/huggingface/text-generation-inference#a-note-on-shared-memory-shm",
                "https://docs.docker.com/reference/compose-file/services/#shm_size",
                "https://docs.docker.com/reference/cli/docker/container/run/#ipc"},
        effort = "2 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          llm:
                            image: vllm/vllm-openai:v0.6.3
                            command: ["--model", "/models/Qwen2.5-7B-Instruct", "--tensor-parallel-size", "2"]
                            volumes:
                              - ./models:/models:ro
                            deploy:
                              resources:
                                reservations:
                                  devices:
                                    - driver: nvidia
                                      count: 2
                                      capabilities: [gpu]
                        """,
                good = """
                        services:
                          llm:
                            image: vllm/vllm-openai:v0.6.3
                            command: ["--model", "/models/Qwen2.5-7B-Instruct", "--tensor-parallel-size", "2"]
                            shm_size: 8gb
                            volumes:
                              - ./models:/models:ro
                            deploy:
                              resources:
                                reservations:
                                  devices:
                                    - driver: nvidia
                                      count: 2
                                      capabilities: [gpu]
                        """))
public final class SharedMemoryTooSmall implements Rule {

    /** Docker's /dev/shm when nothing sets it. */
    private static final long DEFAULT_SHM = 64L * 1024 * 1024;

    private static final String TGI = "text-generation-inference";

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (ref.inDevelopmentFile() || ComposeServices.scaledToZero(service)) {
                continue;
            }
            Optional<String> server = ModelServers.of(service)
                    .filter(s -> s.equals("vLLM") || s.equals("SGLang") || s.equals(TGI));
            if (server.isEmpty() || sharedMemoryGiven(service) || server.get().equals(TGI) && !shardsOverGpus(service)) {
                continue;
            }
            boolean tgi = server.get().equals(TGI);
            Location at = ComposeServices.keyed(service.node(), "image");
            context.finding(this, at != null ? at : ref.nameLocation(), ref.name() + " runs " + server.get() + " ("
                            + service.image().value() + ") with Docker's default /dev/shm of 64 MB (no shm_size, no"
                            + " ipc: host, nothing mounted on /dev/shm): "
                            + (tgi ? "text-generation-inference shards the model over every GPU the container sees,"
                                    + " and NCCL then passes data between the shards through shared memory"
                                    : server.get() + " runs on PyTorch, whose processes pass tensors to each other"
                                            + " through shared memory, above all with tensor parallelism over"
                                            + " several GPUs")
                            + ", and the server fails with an NCCL or bus error once 64 MB are full")
                    .recommendation("Add `shm_size: " + (tgi ? "1g" : "8gb") + "` to " + ref.name()
                            + (tgi ? " (the value text-generation-inference's README gives; or set"
                                    + " NCCL_SHM_DISABLE=1, at some cost in speed, where shared memory cannot be"
                                    + " given)"
                                    : ", and raise it if the server still fails under load")
                            + ". `ipc: host`, which the server's own docker run example uses, works too, but shares"
                            + " the host's IPC namespace with the container.")
                    .add();
        }
    }

    private static boolean sharedMemoryGiven(Service service) {
        if (service.shmSize() != null && service.shmSize().value() != null
                && service.shmSize().value().bytes() > DEFAULT_SHM) {
            return true;
        }
        String ipc = service.ipc() == null ? null : service.ipc().value();
        if (ipc != null && (ipc.equals("host") || ipc.startsWith("service:") || ipc.startsWith("container:"))) {
            return true;
        }
        if (service.tmpfs().stream().anyMatch(t -> t.value() != null && (t.value().equals("/dev/shm")
                || t.value().startsWith("/dev/shm:")))) {
            return true;
        }
        return service.volumes().stream().anyMatch(v -> "/dev/shm".equals(v.target()));
    }

    /** Whether text-generation-inference shards the model: unless told one shard, it uses every GPU it sees. */
    private static boolean shardsOverGpus(Service service) {
        if (service.env("NCCL_SHM_DISABLE").map(e -> e.value() != null && "1".equals(e.value().value()))
                .orElse(false)) {
            return false;
        }
        List<String> args = service.command() == null ? List.of() : service.command().argv();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).strip();
            String next = i + 1 < args.size() ? args.get(i + 1).strip() : "";
            if (a.equals("--num-shard=1") || a.equals("--num-shard 1") || a.equals("--num-shard") && next.equals("1")
                    || a.equals("--sharded=false") || a.equals("--sharded false")
                    || a.equals("--sharded") && next.equals("false")) {
                return false;
            }
        }
        boolean oneShard = service.env("NUM_SHARD").map(e -> e.value() != null && "1".equals(e.value().value()))
                .orElse(false);
        boolean unsharded = service.env("SHARDED").map(e -> e.value() != null && "false".equals(e.value().value()))
                .orElse(false);
        return !oneShard && !unsharded;
    }
}
