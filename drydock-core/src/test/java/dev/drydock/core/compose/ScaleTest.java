package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large files load without quadratic work (no timing assertion; a quadratic step would take minutes). */
class ScaleTest {

    @TempDir
    Path dir;

    @Test
    void fiveThousandServicesWithAnOverride() {
        StringBuilder base = new StringBuilder("x-common: &common\n  restart: always\n  environment: [A=1]\nservices:\n");
        StringBuilder override = new StringBuilder("services:\n");
        for (int i = 0; i < 5000; i++) {
            base.append("  svc").append(i).append(":\n    <<: *common\n    image: app:${TAG:-").append(i).append("}\n")
                    .append("    ports: [\"").append(10000 + i).append(":80\"]\n")
                    .append("    volumes: [\"data").append(i).append(":/data\"]\n")
                    .append("    depends_on: [svc").append(Math.max(0, i - 1)).append("]\n");
            override.append("  svc").append(i).append(":\n    environment: [B=").append(i).append("]\n");
        }
        ComposeTesting.write(dir, "compose.yaml", base.toString());
        ComposeTesting.write(dir, "compose.override.yaml", override.toString());
        ComposeProject p = ComposeLoader.load(dir, Map.of());
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.services()).hasSize(5000);
        assertThat(p.services().get("svc4999").environment()).hasSize(2);
        assertThat(p.defaultedVariables()).hasSize(5000);
        assertThat(p.services().get("svc4999").image().line()).isEqualTo(4 + 4999 * 6 + 3);
    }
}
