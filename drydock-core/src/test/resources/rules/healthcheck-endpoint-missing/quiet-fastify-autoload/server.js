const path = require('node:path');
const fastify = require('fastify')();
fastify.register(require('@fastify/autoload'), { dir: path.join(__dirname, 'routes') });
fastify.listen({ port: 3000, host: '0.0.0.0' });
