package dev.drydock.core.rules.context;

import dev.drydock.core.compose.Service;
import dev.drydock.core.rules.support.ModelServers;
import dev.drydock.core.rules.support.PackagedServers;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a dependant of a pulled inference server must wait for, and the Compose healthcheck that tells it is ready.
 * <ul>
 * <li>vLLM (vllm/vllm-openai): its HTTP server starts once the model is loaded and answers {@code /health} on 8000
 * ({@code --port}); the image installs curl (the vllm-base stage of vLLM's Dockerfile).</li>
 * <li>text-generation-inference: the router answers {@code /health} on PORT, 80 in its image ({@code --port}), once
 * the shards have loaded the model; its Dockerfile's base stage installs curl.</li>
 * <li>Triton Inference Server: {@code /v2/health/ready} on its HTTP port, 8000 ({@code --http-port}), answers 200
 * once the server and its models are ready; the release images install curl and wget (build.py's common
 * dependencies).</li>
 * <li>SGLang (lmsysorg/sglang): {@code /health} on 30000 ({@code --port}); the project's own compose file probes it
 * with curl in that image.</li>
 * <li>Ollama: the server listens within seconds and loads a model only at the first request for it; the image has no
 * curl or wget, but its own {@code ollama list} asks the running server (at OLLAMA_HOST) and fails until it
 * answers.</li>
 * <li>Immich machine learning: listens on IMMICH_PORT, 3003 in its image, within seconds and loads a model only at the
 * first request for it; it answers {@code /ping} (the image's own healthcheck.py asks it, a HEALTHCHECK of recent
 * releases only), and its images run Python 3 (python3 on PATH), whose urllib can ask it.</li>
 * </ul>
 * NVIDIA NIM images are left out: drydock knows no probe program in them.
 *
 * @param name the server, for messages
 * @param loadsAtStart whether the server loads its model before it answers (all but Ollama)
 * @param composeTest the healthcheck's test, in compose's list form
 * @param probe what the test asks, for messages
 * @param startPeriod the start period the probe needs
 */
record ModelServerWait(String name, boolean loadsAtStart, String composeTest, String probe, String startPeriod) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");
    private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{\\w+(:?-\\d{1,5})?}");

    /** The wait for a service that pulls a known inference server's image; empty for any other (and for NIM). */
    static Optional<ModelServerWait> of(Service target) {
        if (target == null || target.build() != null) {
            return Optional.empty();
        }
        String server = ModelServers.of(target).orElse(null);
        if (server == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (server) {
            case "vLLM" -> http(server, "curl", port(target, "--port", null, "8000"), "/health");
            case "text-generation-inference" -> http(server, "curl", port(target, "--port", "PORT", "80"), "/health");
            case "Triton Inference Server" ->
                    http(server, "curl", port(target, "--http-port", null, "8000"), "/v2/health/ready");
            case "SGLang" -> http(server, "curl", port(target, "--port", null, "30000"), "/health");
            case "Ollama" -> new ModelServerWait(server, false, "[\"CMD\", \"ollama\", \"list\"]",
                    "`ollama list`, which asks the running server (the image has no curl or wget)", "30s");
            case "Immich machine learning" -> {
                String port = port(target, "--port", "IMMICH_PORT", "3003");
                yield new ModelServerWait(server, false, "[\"CMD\", \"python3\", \"-c\", \"import urllib.request;"
                        + " urllib.request.urlopen('http://localhost:" + port + "/ping', timeout=5)\"]",
                        "python3's urllib on its /ping (port " + port + "; the image runs Python)",
                        "30s");
            }
            default -> null;
        });
    }

    private static ModelServerWait http(String name, String program, String port, String path) {
        String url = "http://localhost:" + port + path;
        return new ModelServerWait(name, true, "[\"CMD\", \"" + program + "\", \"-f\", \"" + url + "\"]",
                program + " on " + name + "'s " + path + " (port " + port + "; the image has " + program + ")",
                PackagedServers.MODEL_START_PERIOD);
    }

    /** The port the server listens on: its command's option, else the variable it reads, else its default. */
    private static String port(Service target, String option, String variable, String fallback) {
        for (Service.Command command : new Service.Command[] {target.entrypoint(), target.command()}) {
            if (command == null) {
                continue;
            }
            List<String> args = command.shellForm() ? List.of(String.join(" ", command.argv()).split("\\s+"))
                    : command.argv();
            for (int i = 0; i < args.size(); i++) {
                String value = args.get(i).equals(option) && i + 1 < args.size() ? args.get(i + 1)
                        : args.get(i).startsWith(option + "=") ? args.get(i).substring(option.length() + 1) : null;
                if (value != null) {
                    // a ${VARIABLE} Compose interpolates in the healthcheck's test as in the command
                    return DIGITS.matcher(value).matches() || INTERPOLATED.matcher(value).matches() ? value : fallback;
                }
            }
        }
        if (variable != null) {
            String value = target.env(variable).map(v -> v.value() == null ? null : v.value().value()).orElse(null);
            if (value != null && DIGITS.matcher(value.strip()).matches()) {
                return value.strip();
            }
        }
        return fallback;
    }
}
