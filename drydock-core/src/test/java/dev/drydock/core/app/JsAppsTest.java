package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsAppsTest {

    @Test
    void expressRoutersMountedUnderPrefixes() {
        AppSource app = read(files(
                "src/server.js", """
                        const express = require('express');
                        const cors = require('cors');
                        const users = require('./routes/users');
                        import health from './routes/health.js';

                        const PORT = process.env.PORT || 8080;
                        const app = express();
                        app.use(cors());
                        app.use(express.json());
                        app.use('/users', users);
                        app.use(health);
                        app.route('/items').get((req, res) => res.json([])).post(createItem);

                        const server = app.listen(PORT, () => console.log('up'));
                        process.on('SIGTERM', () => server.close());
                        """,
                "src/routes/users.js", """
                        const router = require('express').Router();
                        router.get('/:id', async (req, res) => res.json(await db.user(req.params.id)));
                        module.exports = router;
                        """,
                "src/routes/health.js", """
                        import { Router } from 'express';
                        const router = Router();
                        router.get('/healthz', (req, res) => {
                          res.status(200).send('ok');
                        });
                        export default router;
                        """), "src/server.js", "node", "src/server.js");
        assertThat(app.frameworks()).containsExactly(Framework.EXPRESS);
        Routes routes = app.routes();
        assertThat(routes.all()).extracting(Route::path).containsExactlyInAnyOrder("/users/:id", "/healthz", "/items", "/items");
        assertThat(routes.opaquePrefixes()).isEmpty();
        assertThat(routes.match("/users/7")).hasValueSatisfying(r -> assertThat(r.handler().checksDependencies()).isTrue());
        assertThat(routes.match("/healthz")).hasValueSatisfying(r -> {
            assertThat(r.file()).isEqualTo("src/routes/health.js");
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.handler().answersConstant()).isTrue();
        });
        assertThat(app.port()).contains(8080);
        assertThat(app.handlesSigterm()).isTrue();
    }

    @Test
    void chainedCallsOnTheAppInAnImportedFactory() {
        AppSource app = read(files(
                "apps/api/src/index.ts", """
                        import { createServer } from "./server";
                        const port = process.env.PORT || 3001;
                        const server = createServer();
                        server.listen(port, () => console.log(`api running on ${port}`));
                        """,
                "apps/api/src/server.ts", """
                        import express from "express";
                        export const createServer = () => {
                          const app = express();
                          app
                            .disable("x-powered-by")
                            .use(express.json())
                            .get("/message/:name", (req, res) => res.json({ message: req.params.name }))
                            .get("/healthz", (req, res) => res.json({ ok: true }));
                          app.get("env");
                          app.set("etag").get("/never", handler);
                          return app;
                        };
                        """), "apps/api/src/index.ts", "node", "apps/api/dist/index.js");
        assertThat(app.frameworks()).containsExactly(Framework.EXPRESS);
        assertThat(app.routes().all()).extracting(Route::path).containsExactly("/message/:name", "/healthz");
        assertThat(app.routes().match("/healthz")).hasValueSatisfying(r -> {
            assertThat(r.file()).isEqualTo("apps/api/src/server.ts");
            assertThat(r.line()).isEqualTo(8);
        });
        assertThat(app.handlesSigterm()).isFalse();
    }

    @Test
    void oneDeclarationOfSeveralNamesWithTheAppAmongThem() {
        AppSource app = read(files("server.js", """
                var express = require('express'),
                    { Pool } = require('pg'),
                    app = express(),
                    server = require('http').Server(app);

                var port = process.env.PORT || 4000;

                app.get('/', function (req, res) {
                  res.send('scores');
                });

                server.listen(port);
                """), "server.js", "node", "server.js");
        assertThat(app.frameworks()).containsExactly(Framework.EXPRESS);
        assertThat(app.routes().all()).extracting(Route::path).containsExactly("/");
    }

    @Test
    void anUnknownRouterUnderAPrefixIsNotGuessed() {
        AppSource app = read(files("index.js", """
                const express = require('express');
                const healthcheck = require('express-healthcheck');
                const app = express();
                app.use('/healthcheck', healthcheck());
                app.get('/', (req, res) => res.send('hi'));
                app.listen(3000);
                """), "index.js", "node", "index.js");
        assertThat(app.routes().determines("/healthcheck")).isFalse();
        assertThat(app.routes().determines("/health")).isTrue();
        assertThat(app.handlesSigterm()).isFalse();
    }

    @Test
    void codeWithoutSemicolons() {
        AppSource app = read(files("server.mjs", """
                import express from 'express'
                const port = Number(process.env.PORT)
                  || 4000
                const app = express()
                app.get('/health', (req, res) => res.send('ok'))
                app.listen(port)
                """), "server.mjs", "node", "server.mjs");
        assertThat(app.port()).contains(4000);
        assertThat(app.serverCalls()).singleElement().satisfies(c -> assertThat(c.portVariable()).isEqualTo("PORT"));
        assertThat(app.routes().match("/health")).isPresent();
    }

    @Test
    void anNpmScriptLeadsToItsFile() {
        AppSource app = AppSource.read(files(
                "package.json", "{\"name\": \"x\", \"scripts\": {\"start\": \"node ./lib/main.js\"}}",
                "lib/main.js", "const express = require('express');\nconst app = express();\napp.get('/ping', (q, s) => s.send('pong'));\n"),
                "", java.util.List.of(), dev.drydock.core.entrypoint.EntryPoints.interpret(
                        java.util.List.of("npm", "start"), false, java.util.Map.of(), "/app"),
                java.util.List.of(), java.util.Map.of());
        assertThat(app.routes().match("/ping")).isPresent();
    }
}
