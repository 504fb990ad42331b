const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router({ prefix: '/api' });
router.get('/health', (ctx) => { ctx.body = 'ok'; });
app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
