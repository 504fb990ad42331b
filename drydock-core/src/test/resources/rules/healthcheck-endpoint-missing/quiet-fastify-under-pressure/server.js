const fastify = require('fastify')();
fastify.register(require('@fastify/under-pressure'), { maxEventLoopDelay: 1000, exposeStatusRoute: true });
fastify.get('/', async () => 'hello');
fastify.listen({ port: 3000, host: '0.0.0.0' });
