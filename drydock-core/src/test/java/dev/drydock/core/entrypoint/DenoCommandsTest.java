package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DenoCommandsTest {

    private static EntryPoint exec(String... argv) {
        return EntryPoints.interpret(Invocation.exec(argv).withWorkdir("/app"));
    }

    @Test
    void permissionFlagsStayOutOfTheFileArgument() {
        EntryPoint ep = exec("deno", "run", "--allow-net", "--allow-read=/data", "-A", "main.ts", "--port", "9000");
        assertThat(ep.runtime()).isEqualTo(Runtime.DENO);
        assertThat(ep.option("command")).isEqualTo("run");
        assertThat(ep.target()).isEqualTo(Target.file("main.ts", "/app/main.ts"));
        assertThat(ep.interpreterOptions()).containsEntry("--allow-net", "true").containsEntry("--allow-read", "/data")
                .containsEntry("-A", "true").doesNotContainKey("--port");
        assertThat(ep.development()).isFalse();
    }

    @Test
    void valueFlagsTakeTheNextArgument() {
        EntryPoint ep = exec("deno", "run", "--config", "deno.prod.json", "--allow-env", "src/server.ts");
        assertThat(ep.target()).isEqualTo(Target.file("src/server.ts", "/app/src/server.ts"));
        assertThat(ep.option("config")).isEqualTo("deno.prod.json");
    }

    @Test
    void aFileWithoutSubCommandRuns() {
        EntryPoint ep = exec("deno", "--allow-net", "main.ts");
        assertThat(ep.option("command")).isEqualTo("run");
        assertThat(ep.target()).isEqualTo(Target.file("main.ts", "/app/main.ts"));
    }

    @Test
    void watchIsADevelopmentServer() {
        assertThat(exec("deno", "run", "--watch", "--allow-net", "main.ts").development()).isTrue();
        EntryPoint paths = exec("deno", "run", "--watch=src/", "-A", "main.ts");
        assertThat(paths.development()).isTrue();
        assertThat(paths.target()).isEqualTo(Target.file("main.ts", "/app/main.ts"));
        assertThat(exec("deno", "serve", "--watch-hmr", "main.ts").development()).isTrue();
    }

    @Test
    void serveListensOnItsPort() {
        assertThat(exec("deno", "serve", "-A", "main.ts").option("port")).isNull();
        EntryPoint ep = exec("deno", "serve", "--port", "3000", "--host=0.0.0.0", "-A", "server.ts");
        assertThat(ep.option("port")).isEqualTo("3000");
        assertThat(ep.option("host")).isEqualTo("0.0.0.0");
        assertThat(ep.target()).isEqualTo(Target.file("server.ts", "/app/server.ts"));
    }

    @Test
    void taskNamesItsTask() {
        EntryPoint ep = exec("deno", "task", "start");
        assertThat(ep.runtime()).isEqualTo(Runtime.DENO_TASK);
        assertThat(ep.target()).isEqualTo(Target.script("start"));
        assertThat(exec("deno", "task", "--cwd", "api", "dev").target()).isEqualTo(Target.script("dev"));
        assertThat(exec("deno", "task").target()).isEqualTo(Target.NONE);
    }

    @Test
    void remoteModulesAreNoFiles() {
        assertThat(exec("deno", "run", "-A", "jsr:@std/http/file-server").target().kind()).isEqualTo(Target.Kind.MODULE);
        assertThat(exec("deno", "run", "https://deno.land/std/examples/welcome.ts").target().kind())
                .isEqualTo(Target.Kind.MODULE);
    }

    @Test
    void otherSubCommandsRunNoFile() {
        EntryPoint ep = exec("deno", "eval", "console.log('hi')");
        assertThat(ep.option("command")).isEqualTo("eval");
        assertThat(ep.target()).isEqualTo(Target.code("console.log('hi')"));
        assertThat(exec("deno", "test", "-A").option("command")).isEqualTo("test");
        assertThat(exec("deno", "compile", "-A", "--output", "server", "main.ts").target()).isEqualTo(Target.NONE);
    }

    @Test
    void throughTiniAndAShell() {
        EntryPoint ep = exec("/tini", "--", "deno", "task", "start");
        assertThat(ep.runtime()).isEqualTo(Runtime.DENO_TASK);
        assertThat(ep.wrappedBy("tini")).isTrue();
        EntryPoint shell = EntryPoints.interpret(Invocation.shell("deno cache main.ts && exec deno run -A main.ts")
                .withWorkdir("/app"));
        assertThat(shell.runtime()).isEqualTo(Runtime.DENO);
        assertThat(shell.target()).isEqualTo(Target.file("main.ts", "/app/main.ts"));
    }
}
