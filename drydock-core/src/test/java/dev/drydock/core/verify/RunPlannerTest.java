package dev.drydock.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlannerTest {

    @TempDir
    Path dir;

    private static final ImageInfo IMAGE = new ImageInfo(1000, 2, "", "/app", List.of(), List.of("python3", "app.py"),
            Map.of(), List.of("/cache"), new ImageInfo.Health(List.of("CMD", "true"), Duration.ofSeconds(30), null, null, null));

    @Test
    void composeSettingsOverTheImage() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM drydock-test/debian:bookworm
                RUN mkdir -p /app /srv/uploads
                WORKDIR /app
                CMD ["python3", "app.py"]
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    build: .
                    user: "1000"
                    init: true
                    stop_grace_period: 3s
                    command: ["gunicorn", "app:app"]
                    environment:
                      SECRET_KEY: ${SECRET_KEY:?set SECRET_KEY}
                      MODE: production
                      FROM_SHELL:
                    volumes:
                      - data:/var/lib/app
                      - ./conf:/conf
                    healthcheck:
                      test: ["CMD", "python3", "-c", "probe"]
                      interval: 10s
                      retries: 2
                volumes:
                  data:
                """);
        Project project = new ProjectLoader().load(dir);
        Container web = project.container("web").orElseThrow();
        RunPlan plan = new RunPlanner().plan(web, IMAGE, "img:1", "c1");
        assertThat(plan.spec().env()).containsExactly(Map.entry("SECRET_KEY", "drydock-verify"), Map.entry("MODE", "production"));
        assertThat(plan.notes()).anyMatch(n -> n.contains("SECRET_KEY") && n.contains("drydock-verify"));
        assertThat(plan.spec().user()).isEqualTo("1000");
        assertThat(plan.spec().init()).isTrue();
        assertThat(plan.grace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(plan.command()).containsExactly("gunicorn", "app:app");
        assertThat(plan.spec().healthTest()).containsExactly("CMD", "python3", "-c", "probe");
        assertThat(plan.spec().healthInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(plan.health().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.health().retries()).isEqualTo(2);
        assertThat(plan.health().budget()).isEqualTo(Duration.ofSeconds(50));
        assertThat(plan.writableDirs()).extracting(RunPlan.WritableDir::path)
                .containsExactly("/var/lib/app", "/cache", "/srv/uploads");
    }

    @Test
    void aLoneDockerfileRunsAsTheImageSays() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM drydock-test/debian:bookworm\nCMD [\"python3\", \"app.py\"]\n");
        Container container = new ProjectLoader().load(dir).containers().get(0);
        RunPlan plan = new RunPlanner().plan(container, IMAGE, "img:1", "c1");
        assertThat(plan.spec().env()).isEmpty();
        assertThat(plan.spec().user()).isNull();
        assertThat(plan.spec().healthTest()).isNull();
        assertThat(plan.health().source()).isEqualTo("image");
        assertThat(plan.health().retries()).isEqualTo(3);
        assertThat(plan.grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.command()).containsExactly("python3", "app.py");
    }
}
