package dev.drydock.core.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevContainerReaderTest {

    @Test
    void readsABuildWithCommentsAndTrailingCommas() {
        DevContainer dev = DevContainerReader.read(SourceFile.of(".devcontainer/devcontainer.json", """
                // a comment before the object
                {
                  "name": "shop",
                  "build": {
                    "dockerfile": "Dockerfile", /* the dev image */
                    "context": "..",
                    "target": "dev",
                    "args": { "PYTHON_VERSION": "3.12", },
                  },
                  "remoteUser": "vscode",
                  "runArgs": ["--privileged", "-v", "/var/run/docker.sock:/var/run/docker.sock"],
                  "mounts": ["source=cache,target=/cache,type=volume"],
                }
                """));
        assertThat(dev.build().dockerfile()).isEqualTo(".devcontainer/Dockerfile");
        assertThat(dev.build().context()).isEmpty();
        assertThat(dev.build().target()).isEqualTo("dev");
        assertThat(dev.build().args()).isEqualTo(Map.of("PYTHON_VERSION", "3.12"));
        assertThat(dev.build().span().startLine()).isEqualTo(4);
        assertThat(dev.remoteUser().value()).isEqualTo("vscode");
        assertThat(dev.remoteUser().span().startLine()).isEqualTo(10);
        assertThat(dev.privilegedRunArg().span().startLine()).isEqualTo(11);
        assertThat(dev.bindMounts()).extracting(DevContainer.Mount::source)
                .containsExactly("cache", "/var/run/docker.sock");
    }

    @Test
    void readsTheOlderTopLevelDockerFileAndContext() {
        DevContainer dev = DevContainerReader.read(SourceFile.of(".devcontainer/devcontainer.json", """
                { "context": "..", "dockerFile": "../Dockerfile.dev" }
                """));
        assertThat(dev.build().dockerfile()).isEqualTo("Dockerfile.dev");
        assertThat(dev.build().context()).isEmpty();
    }

    @Test
    void readsComposeFilesRelativeToItsFolder() {
        DevContainer dev = DevContainerReader.read(SourceFile.of(".devcontainer/devcontainer.json", """
                {
                  "dockerComposeFile": ["../compose.yaml", "compose.extend.yaml", "../../outside.yaml"],
                  "service": "web"
                }
                """));
        assertThat(dev.compose().files()).containsExactly("compose.yaml", ".devcontainer/compose.extend.yaml");
        assertThat(dev.compose().service()).isEqualTo("web");
        assertThat(dev.build()).isNull();
    }

    @Test
    void reportsInvalidJsonAtItsPosition() {
        assertThatThrownBy(() -> DevContainerReader.read(SourceFile.of(".devcontainer.json", "{\n  \"image\": ,\n}\n")))
                .isInstanceOf(SourceException.class).hasMessageContaining("invalid JSON");
    }
}
