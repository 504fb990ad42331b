package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FastifyPluginsTest {

    @Test
    void pluginsFollowedUnderTheirPrefixes() {
        AppSource app = read(files("server.js", """
                const fastify = require('fastify')({ logger: true });
                const users = require('./routes/users');
                import health from './routes/health.js';

                fastify.register(require('@fastify/cors'));
                fastify.register(users, { prefix: '/users' });
                fastify.register(health);
                fastify.register(async function (instance) {
                  instance.get('/items', async () => []);
                }, { prefix: '/v1' });
                fastify.register(require('@fastify/under-pressure'), { exposeStatusRoute: true });
                fastify.route({ method: ['GET', 'HEAD'], url: '/version', handler: async () => ({ v: 1 }) });

                fastify.listen({ port: 3000, host: '0.0.0.0' });
                """,
                "routes/users.js", """
                        module.exports = async function (fastify, opts) {
                          fastify.get('/:id', async (req) => fastify.db.user(req.params.id));
                        };
                        """,
                "routes/health.js", """
                        import fp from 'fastify-plugin';
                        async function health(app) {
                          app.get('/healthz', async () => ({ ok: true }));
                        }
                        export default fp(health);
                        """), "server.js", "node", "server.js");
        Routes routes = app.routes();
        assertThat(routes.all()).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrder(
                "GET /users/:id", "GET /healthz", "GET /v1/items", "GET /status", "GET,HEAD /version");
        assertThat(routes.opaquePrefixes()).isEmpty();
        assertThat(routes.determines("/health")).isTrue();
    }

    @Test
    void aPluginThatCannotBeFollowedLeavesItsPrefixUnknown() {
        Routes routes = read(files("app.js", """
                import Fastify from 'fastify';
                import autoload from '@fastify/autoload';
                const app = Fastify();
                app.register(autoload, { dir: './routes', options: { prefix: '/api' } });
                app.get('/', async () => 'hi');
                app.listen({ port: 3000 });
                """), "app.js", "node", "app.js").routes();
        assertThat(routes.determines("/health")).isFalse();
        Routes prefixed = read(files("app.js", """
                const app = require('fastify')();
                app.register(require('./api'), { prefix: '/api' });
                app.get('/healthz', async () => 'ok');
                app.listen({ port: 3000 });
                """, "api.js", "module.exports = require('./routes').plugin;"), "app.js", "node", "app.js").routes();
        assertThat(prefixed.determines("/api/health")).isFalse();
        assertThat(prefixed.determines("/health")).isTrue();
    }

    @Test
    void underPressureStatusRouteAtItsUrl() {
        Routes routes = read(files("app.js", """
                const fastify = require('fastify')();
                fastify.register(require('@fastify/under-pressure'), {
                  healthCheck: async () => { await fastify.pg.query('SELECT 1'); return true; },
                  exposeStatusRoute: { url: '/alive' },
                });
                fastify.listen({ port: 3000 });
                """), "app.js", "node", "app.js").routes();
        assertThat(routes.all()).extracting(Route::path).containsExactly("/alive");
        assertThat(routes.match("/alive")).hasValueSatisfying(r -> assertThat(r.handler().checksDependencies()).isTrue());
    }
}
