require('fastify');
