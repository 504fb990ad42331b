const fastify = require('fastify')({ logger: true });
fastify.register(require('@fastify/cors'));
fastify.register(require('./routes/health'), { prefix: '/api' });
fastify.listen({ port: 3000, host: '0.0.0.0' });
