package dev.drydock.core.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How much a missing HEALTHCHECK weighs: critical when the project's compose file probes the server with a probe
 * that cannot succeed in the image, medium for a server that only compose probes or nothing probes, low for a
 * container that serves nothing.
 */
class HealthcheckMissingSeverityTest {

    private static final String SERVER = """
            FROM node:22.12.0-alpine3.20
            WORKDIR /app
            COPY . .
            EXPOSE 3000
            CMD ["node", "server.js"]
            """;

    /** The server's service, published on the host. */
    private static final String PUBLISHED = """
            services:
              orders:
                build: .
                ports:
                  - "3000:3000"
            """;

    @TempDir
    Path dir;

    @Test
    void criticalWhenTheComposeProbeCannotSucceedInTheImage() throws IOException {
        write("Dockerfile", SERVER);
        write("compose.yaml", PUBLISHED + """
                    healthcheck:
                      test: ["CMD", "curl", "-f", "http://localhost:3000/ready"]
                """);
        assertThat(severity()).as("node's Alpine image has no curl").isEqualTo(Severity.CRITICAL);
    }

    @Test
    void lowWhenEveryComposeServiceProbesTheServerAndItsProbeWorks() throws IOException {
        write("Dockerfile", SERVER);
        write("compose.yaml", PUBLISHED + """
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:3000/ready"]
                """);
        assertThat(severity()).as("BusyBox's wget").isEqualTo(Severity.LOW);
    }

    @Test
    void mediumForAServerNothingProbes() throws IOException {
        write("Dockerfile", SERVER);
        write("compose.yaml", PUBLISHED);
        assertThat(severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void lowForAContainerThatServesNothing() throws IOException {
        write("Dockerfile", """
                FROM python:3.12.7-slim
                WORKDIR /app
                COPY nightly_report.py .
                CMD ["python", "nightly_report.py"]
                """);
        write("nightly_report.py", """
                import time
                while True:
                    print('report sent')
                    time.sleep(3600)
                """);
        assertThat(severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void quietForAJobThatRunsToItsEnd() throws IOException {
        write("Dockerfile", """
                FROM python:3.12.7-slim
                WORKDIR /app
                COPY nightly_report.py .
                CMD ["python", "nightly_report.py"]
                """);
        write("nightly_report.py", "print('report sent')\n");
        assertThat(Reviewer.standard().review(new ProjectLoader().load(dir)).findings())
                .noneMatch(f -> f.ruleId().equals("healthcheck-missing"));
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private Severity severity() {
        return Reviewer.standard().review(new ProjectLoader().load(dir)).findings().stream()
                .filter(f -> f.ruleId().equals("healthcheck-missing")).map(Finding::severity).findFirst()
                .orElseThrow();
    }
}
