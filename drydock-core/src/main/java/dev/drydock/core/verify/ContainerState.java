package dev.drydock.core.verify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A container's state from {@code container inspect}.
 *
 * @param running whether it is running
 * @param exitCode its exit code once stopped
 * @param health {@code starting}, {@code healthy}, {@code unhealthy}, or "" without a healthcheck
 * @param lastProbeOutput the output of the last healthcheck run, "" when none
 */
public record ContainerState(boolean running, int exitCode, String health, String lastProbeOutput) {

    public static ContainerState parse(String json) {
        JsonNode state = ImageInfo.first(json).path("State");
        JsonNode health = state.has("Health") ? state.get("Health") : state.path("Healthcheck");
        JsonNode log = health.path("Log");
        String lastOutput = log.isArray() && !log.isEmpty() ? log.get(log.size() - 1).path("Output").asText("") : "";
        return new ContainerState(state.path("Running").asBoolean(), state.path("ExitCode").asInt(),
                health.path("Status").asText(""), lastOutput.strip());
    }
}
