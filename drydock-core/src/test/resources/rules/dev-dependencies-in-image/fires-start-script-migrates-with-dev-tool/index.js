const app = require('fastify')();
app.listen({ port: 8080, host: '0.0.0.0' });
