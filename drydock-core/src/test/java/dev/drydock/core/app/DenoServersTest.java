package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The servers a Deno program starts, as the port rules read them. */
class DenoServersTest {

    @Test
    void denoServeWithAHandlerOnlyListensOnTheDefaultPort() {
        AppSource app = read(files("main.ts", """
                function handler(_req: Request) {
                  return new Response("hi");
                }
                Deno.serve(handler);
                """), "main.ts", "deno", "run", "--allow-net", "main.ts");
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.server()).isEqualTo("Deno.serve");
            assertThat(call.port()).isEqualTo(8000);
            assertThat(call.portText()).isNull();
            assertThat(call.host()).isNull();
            assertThat(call.line()).isEqualTo(4);
        });
    }

    @Test
    void denoServeOptionsGiveThePortAndHostname() {
        AppSource app = read(files("main.ts", """
                Deno.serve({ port: 8443, hostname: "127.0.0.1" }, (_req) => new Response("x"));
                """), "main.ts", "deno", "run", "-A", "main.ts");
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8443);
            assertThat(call.host()).isEqualTo("\"127.0.0.1\"");
        });
    }

    @Test
    void denoEnvLookupWithADefault() {
        AppSource app = read(files("server.ts", """
                const port = Number(Deno.env.get("PORT") ?? 8080);
                Deno.serve({ port, handler: (_req) => new Response("x") });
                """), "server.ts", "deno", "run", "-A", "server.ts");
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.port()).isEqualTo(8080);
            assertThat(call.portVariable()).isEqualTo("PORT");
        });
    }

    @Test
    void honoHandedToDenoServe() {
        AppSource app = read(files("main.ts", """
                import { Hono } from "jsr:@hono/hono@4.6.14";
                const app = new Hono();
                app.get("/", (c) => c.text("ok"));
                Deno.serve(app.fetch);
                """), "main.ts", "deno", "run", "-A", "main.ts");
        assertThat(app.port()).contains(8000);
    }

    @Test
    void oakListenWithOptions() {
        AppSource app = read(files("app.ts", """
                import { Application } from "jsr:@oak/oak@17";
                const app = new Application();
                await app.listen({ port: 9000, hostname: "localhost" });
                """), "app.ts", "deno", "run", "-A", "app.ts");
        assertThat(app.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.server()).startsWith("Oak");
            assertThat(call.port()).isEqualTo(9000);
            assertThat(call.host()).isEqualTo("\"localhost\"");
        });
    }

    @Test
    void denoServeSubcommandListensOnItsPortOption() {
        String module = """
                export default {
                  fetch() {
                    return new Response("x");
                  },
                };
                """;
        AppSource byDefault = read(files("main.ts", module), "main.ts", "deno", "serve", "main.ts");
        assertThat(byDefault.serverCalls()).singleElement().satisfies(call -> {
            assertThat(call.server()).isEqualTo("deno serve");
            assertThat(call.port()).isEqualTo(8000);
            assertThat(call.line()).isEqualTo(1);
        });
        AppSource given = read(files("main.ts", module), "main.ts", "deno", "serve", "--port", "3000", "main.ts");
        assertThat(given.port()).contains(3000);
    }

    @Test
    void denoRunOfAModuleWithoutAServerHasNone() {
        AppSource app = read(files("job.ts", "console.log(await Deno.readTextFile('x'));\n"),
                "job.ts", "deno", "run", "-A", "job.ts");
        assertThat(app.serverCalls()).isEmpty();
    }
}
