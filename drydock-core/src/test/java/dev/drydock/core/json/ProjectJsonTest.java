package dev.drydock.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.core.project.ProjectLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectJsonTest {

    @TempDir
    Path dir;

    @Test
    void devContainersAreListedWithWhatTheyBuildAndTheirUsers() throws IOException {
        Files.createDirectories(dir.resolve(".devcontainer"));
        Files.writeString(dir.resolve(".devcontainer/devcontainer.json"), """
                // the team's development container
                {
                  "build": { "dockerfile": "Dockerfile", "context": "..", "target": "dev" },
                  "remoteUser": "vscode",
                }
                """);
        Files.writeString(dir.resolve(".devcontainer/Dockerfile"),
                "FROM mcr.microsoft.com/devcontainers/python:1-3.12-bookworm AS dev\n");
        StringWriter text = new StringWriter();
        ProjectJson.write(new ProjectLoader().load(dir), text);
        JsonNode dev = new ObjectMapper().readTree(text.toString()).get("devContainers").get(0);
        assertThat(dev.get("path").asText()).isEqualTo(".devcontainer/devcontainer.json");
        assertThat(dev.get("build").get("dockerfile").asText()).isEqualTo(".devcontainer/Dockerfile");
        assertThat(dev.get("build").get("context").asText()).isEmpty();
        assertThat(dev.get("build").get("target").asText()).isEqualTo("dev");
        assertThat(dev.get("remoteUser").asText()).isEqualTo("vscode");
        assertThat(dev.has("image")).isFalse();
    }
}
