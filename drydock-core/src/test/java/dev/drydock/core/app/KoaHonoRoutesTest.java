package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KoaHonoRoutesTest {

    @Test
    void koaRoutersUnderTheirPrefixes() {
        AppSource app = read(files("server.js", """
                const Koa = require('koa');
                const Router = require('@koa/router');
                const bodyParser = require('koa-bodyparser');
                const api = require('./api');

                const app = new Koa();
                const router = new Router();
                router.get('/healthz', (ctx) => { ctx.body = 'ok'; });
                router.get('user', '/users/:id', async (ctx) => { ctx.body = await db.user(ctx.params.id); });

                app.use(async (ctx, next) => { const t = Date.now(); await next(); ctx.set('X-Time', Date.now() - t); });
                app.use(bodyParser());
                app.use(router.routes());
                app.use(router.allowedMethods());
                app.use(api.routes());
                app.listen(3000);
                """, "api.js", """
                        const Router = require('@koa/router');
                        const router = new Router({ prefix: '/api' });
                        router.get('/ping', (ctx) => { ctx.body = 'pong'; });
                        module.exports = router;
                        """), "server.js", "node", "server.js");
        assertThat(app.frameworks()).containsExactly(Framework.KOA);
        assertThat(app.routes().all()).extracting(Route::path).containsExactlyInAnyOrder("/healthz", "/users/:id",
                "/api/ping");
        assertThat(app.routes().determines("/health")).isTrue();
        assertThat(app.port()).contains(3000);
    }

    @Test
    void koaMiddlewareThatAnswersOrAPrefixFromAVariableIsNotGuessed() {
        Routes routes = read(files("server.js", """
                const Koa = require('koa');
                const app = new Koa();
                app.use(async (ctx) => {
                  if (ctx.path === '/health') { ctx.body = 'ok'; return; }
                  ctx.status = 404;
                });
                app.listen(3000);
                """), "server.js", "node", "server.js").routes();
        assertThat(routes.determines("/health")).isFalse();
        Routes prefixed = read(files("server.js", """
                const Koa = require('koa');
                const Router = require('@koa/router');
                const app = new Koa();
                const router = new Router({ prefix: process.env.BASE });
                router.get('/health', (ctx) => { ctx.body = 'ok'; });
                app.use(router.routes());
                app.listen(3000);
                """), "server.js", "node", "server.js").routes();
        assertThat(prefixed.determines("/health")).isFalse();
    }

    @Test
    void honoRoutesBasePathAndSubApplications() {
        AppSource app = read(files("src/index.ts", """
                import { Hono } from 'hono';
                import { serve } from '@hono/node-server';
                import { logger } from 'hono/logger';
                import books from './books';

                const app = new Hono();
                app.use('*', logger());
                app.get('/healthz', (c) => c.text('ok'));
                app.route('/books', books);
                const v1 = app.basePath('/v1');
                v1.get('/status', (c) => c.json({ up: true }));

                serve({ fetch: app.fetch, port: 8787 });
                """, "src/books.ts", """
                        import { Hono } from 'hono';
                        const books = new Hono().basePath('/store');
                        books.get('/:id', (c) => c.json({ id: c.req.param('id') }));
                        export default books;
                        """), "src/index.ts", "node", "src/index.ts");
        assertThat(app.frameworks()).contains(Framework.HONO);
        assertThat(app.routes().all()).extracting(Route::path).containsExactlyInAnyOrder("/healthz",
                "/books/store/:id", "/v1/status");
        assertThat(app.routes().determines("/health")).isTrue();
    }
}
