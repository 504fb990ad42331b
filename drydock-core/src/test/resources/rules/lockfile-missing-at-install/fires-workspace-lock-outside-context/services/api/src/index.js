require("koa"); new (require("koa"))().listen(3000);
