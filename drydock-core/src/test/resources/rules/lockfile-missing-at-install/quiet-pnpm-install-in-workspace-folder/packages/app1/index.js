require("fastify")().listen({ port: 8000, host: "0.0.0.0" });
