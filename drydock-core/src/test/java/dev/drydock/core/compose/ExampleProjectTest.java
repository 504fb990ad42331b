package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.testing.SharedData;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unify example as the review describes it. */
class ExampleProjectTest {

    @Test
    void unifyServiceLinksToItsDockerfileAndReportsDefaults() {
        ComposeProject p = ComposeLoader.load(SharedData.resolve("examples/unify"), Map.of());
        // the project ships .env.example only: Compose would stop on the missing env_file, drydock warns
        assertThat(p.errors()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("docker-compose.yml");
            assertThat(d.line()).isEqualTo(36);
            assertThat(d.message()).isEqualTo("env file .env not found (Compose will not start the service without it)");
        });
        assertThat(p.version().value()).isEqualTo("3.8");
        Service app = p.services().get("unify-app");
        assertThat(app.build().dockerfilePath()).isEqualTo(SharedData.resolve("examples/unify/Dockerfile").toAbsolutePath().normalize());
        assertThat(app.image().value()).isEqualTo("unify-app:latest");
        assertThat(app.deploy().limits().memory().value().bytes()).isEqualTo(2L << 30);
        assertThat(app.healthcheck().testForm()).isEqualTo("CMD");
        assertThat(app.volumes()).allSatisfy(v -> assertThat(v.isNamedVolume()).isTrue());

        VariableReference secret = p.defaultedVariables().stream().filter(r -> r.name().equals("SECRET_KEY")).findFirst().orElseThrow();
        assertThat(secret.defaultText()).isEqualTo("change-me-in-production");
        assertThat(secret.span().startLine()).isEqualTo(16);
        assertThat(secret.file().text(secret.argumentSpan())).isEqualTo("change-me-in-production");
        assertThat(app.env("SECRET_KEY").orElseThrow().value().value()).isEqualTo("change-me-in-production");
    }
}
