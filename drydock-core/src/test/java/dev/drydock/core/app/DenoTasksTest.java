package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.entrypoint.Runtime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenoTasksTest {

    @Test
    void readsAStringTask() {
        SourceSet files = files("deno.json", """
                {
                  "tasks": {
                    "dev": "deno run --watch -A main.ts",
                    "start": "deno run --allow-net main.ts"
                  }
                }
                """);
        NodePackage task = DenoTasks.task(files, "", "start", Map.of(), "/app").orElseThrow();
        assertThat(task.packageFile()).isEqualTo("deno.json");
        assertThat(task.command()).isEqualTo("deno run --allow-net main.ts");
        assertThat(task.span().startLine()).isEqualTo(4);
        assertThat(task.entryPoint().runtime()).isEqualTo(Runtime.DENO);
        assertThat(DenoTasks.task(files, "", "dev", Map.of(), "/app").orElseThrow().entryPoint().development()).isTrue();
    }

    @Test
    void readsCommentsAndObjectTasks() {
        SourceSet files = files("deno.jsonc", """
                {
                  // the production server
                  "tasks": {
                    "start": {
                      "description": "serve",
                      "command": "deno serve --port 3000 -A main.ts",
                    },
                  },
                }
                """);
        NodePackage task = DenoTasks.task(files, "", "start", Map.of(), "/app").orElseThrow();
        assertThat(task.packageFile()).isEqualTo("deno.jsonc");
        assertThat(task.entryPoint().option("port")).isEqualTo("3000");
    }

    @Test
    void fallsBackToPackageJsonScripts() {
        SourceSet files = files("deno.json", "{\"imports\": {}}",
                "package.json", "{\"scripts\": {\"start\": \"deno run -A server.ts\"}}");
        NodePackage task = DenoTasks.task(files, "", "start", Map.of(), "/app").orElseThrow();
        assertThat(task.packageFile()).isEqualTo("package.json");
        assertThat(DenoTasks.task(files, "", "missing", Map.of(), "/app")).isEmpty();
    }

    @Test
    void brokenConfigIsNoTask() {
        assertThat(DenoTasks.task(files("deno.json", "{\"tasks\": "), "", "start", Map.of(), "/app")).isEmpty();
    }
}
