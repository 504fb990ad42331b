require('fastify')().listen({ port: 3000, host: '0.0.0.0' });
