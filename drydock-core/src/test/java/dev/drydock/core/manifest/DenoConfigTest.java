package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DenoConfigTest {

    @Test
    void readsTasksImportsAndVendor() {
        DenoConfig config = DenoConfig.read(SourceFile.of("deno.jsonc", """
                {
                  // comments are allowed
                  "tasks": {
                    "start": "deno run -A main.ts",
                    "dev": { "command": "deno run --watch main.ts", "description": "watch" },
                    "empty": ""
                  },
                  "imports": {
                    "@std/path": "./vendor/path.ts",
                    "@std/http": "jsr:@std/http@1.0.12",
                  },
                  "vendor": true
                }
                """)).orElseThrow();
        assertThat(config.tasks()).containsOnlyKeys("start", "dev");
        assertThat(config.tasks().get("dev").command()).isEqualTo("deno run --watch main.ts");
        assertThat(config.tasks().get("start").span().startLine()).isEqualTo(4);
        assertThat(config.firstRemoteImport()).hasValueSatisfying(i -> {
            assertThat(i.specifier()).isEqualTo("jsr:@std/http@1.0.12");
            assertThat(i.line()).isEqualTo(10);
        });
        assertThat(config.vendor()).isTrue();
    }

    @Test
    void theFirstConfigurationOfAFolderWins() {
        Map<String, SourceFile> files = Map.of(
                "api/deno.json", SourceFile.of("api/deno.json", "{\"tasks\": {\"a\": \"deno run a.ts\"}}"),
                "api/deno.jsonc", SourceFile.of("api/deno.jsonc", "{\"tasks\": {\"b\": \"deno run b.ts\"}}"));
        DenoConfig config = DenoConfig.in("api", p -> Optional.ofNullable(files.get(p))).orElseThrow();
        assertThat(config.path()).isEqualTo("api/deno.json");
        assertThat(DenoConfig.in("", p -> Optional.ofNullable(files.get(p)))).isEmpty();
    }

    @Test
    void brokenOrNonObjectConfigurationIsEmpty() {
        assertThat(DenoConfig.read(SourceFile.of("deno.json", "{\"tasks\": "))).isEmpty();
        assertThat(DenoConfig.read(SourceFile.of("deno.json", "[1, 2]"))).isEmpty();
    }
}
