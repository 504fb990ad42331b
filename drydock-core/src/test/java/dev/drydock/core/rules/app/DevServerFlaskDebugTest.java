package dev.drydock.core.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Reviewer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where `flask run`'s debug mode comes from, and that FLASK_ENV no longer turns it on from Flask 2.3. */
class DevServerFlaskDebugTest {

    private static final String DOCKERFILE = """
            FROM python:3.12-slim
            WORKDIR /opt/notes
            COPY . .
            RUN pip install --no-cache-dir -r requirements.txt
            ENV FLASK_APP=notes.py FLASK_ENV=development
            CMD ["flask", "run", "--host=0.0.0.0"%s]
            """;

    @TempDir
    Path dir;

    @Test
    void flaskEnvIsNotDebugModeFromFlask23() throws IOException {
        write("Dockerfile", DOCKERFILE.formatted(""));
        write("requirements.txt", "flask>=3.0,<4\n");
        assertThat(message()).contains("`flask run`").doesNotContain("debug mode");
    }

    @Test
    void theDebugOptionIsNamedOverFlaskEnv() throws IOException {
        write("Dockerfile", DOCKERFILE.formatted(", \"--debug\""));
        write("requirements.txt", "flask==3.0.3\n");
        assertThat(message()).contains("in debug mode (--debug)");
    }

    @Test
    void flaskEnvIsDebugModeWhenTheVersionIsUnknown() throws IOException {
        write("Dockerfile", DOCKERFILE.formatted(""));
        write("requirements.txt", "flask\n");
        assertThat(message()).contains("FLASK_ENV=development, which Flask before 2.3 reads as debug mode");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        Files.writeString(dir.resolve("notes.py"), "from flask import Flask\n\napp = Flask(__name__)\n");
    }

    private String message() {
        return Reviewer.standard().review(new ProjectLoader().load(dir)).findings().stream()
                .filter(f -> f.ruleId().equals("dev-server")).map(Finding::message).findFirst().orElseThrow();
    }
}
