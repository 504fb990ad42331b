package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The hook that .pre-commit-hooks.yaml declares: which files it is given, and the command it runs on them. */
class PreCommitHookTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hook() throws IOException {
        String text = Files.readString(Path.of("..", ".pre-commit-hooks.yaml"));
        List<Object> hooks = (List<Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
        assertThat(hooks).hasSize(1);
        return (Map<String, Object>) hooks.get(0);
    }

    @Test
    void theHookIsGivenTheFilesDiscoveryReadsAsDockerfilesAndComposeFiles() throws IOException {
        Map<String, Object> hook = hook();
        assertThat(hook).containsEntry("id", "drydock").containsEntry("language", "script");
        // pre-commit applies the pattern with Python's re.search, which agrees with Java's find for this syntax
        Pattern files = Pattern.compile((String) hook.get("files"));
        for (String name : List.of("Dockerfile", "svc/api/Dockerfile", "Containerfile", "Dockerfile.prod",
                "docker/api.Dockerfile", "compose.yaml", "compose.yml", "docker-compose.yml",
                "deploy/docker-compose.prod.yaml", "compose.override.yml")) {
            assertThat(files.matcher(name).find()).as(name).isTrue();
        }
        for (String name : List.of("README.md", "src/Dockerfiles/readme.txt", "composer.json", "docs/compose.md",
                ".dockerignore", "my-compose-notes.txt")) {
            assertThat(files.matcher(name).find()).as(name).isFalse();
        }
    }

    @Test
    void theEntryReviewsEachFileItIsGiven(@TempDir Path repo) throws IOException {
        Path good = repo.resolve("tools/Dockerfile");
        Files.createDirectories(good.getParent());
        Files.writeString(good, """
                FROM alpine:3.20.3
                RUN adduser -D -u 10001 tool
                USER 10001
                ENTRYPOINT ["true"]
                """);
        Path bad = repo.resolve("web/Dockerfile");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "FROM python:3.12\nCOPY . /app\nCMD python /app/app.py\n");
        String entry = (String) hook().get("entry");
        assertThat(entry).startsWith("drydock ");
        List<String> args = new ArrayList<>(List.of(entry.substring("drydock ".length()).split(" ")));
        args.add("--no-shellcheck");

        List<String> onGood = new ArrayList<>(args);
        onGood.add(good.toString());
        assertThat(CliRun.of(onGood.toArray(String[]::new)).exit()).isZero();

        List<String> onBoth = new ArrayList<>(args);
        onBoth.addAll(List.of(good.toString(), bad.toString()));
        CliRun run = CliRun.of(onBoth.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("web/Dockerfile").contains("runs-as-root");
    }
}
