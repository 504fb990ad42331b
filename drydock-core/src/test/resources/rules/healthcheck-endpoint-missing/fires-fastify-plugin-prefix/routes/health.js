module.exports = async function (fastify) {
  fastify.route({ method: 'GET', url: '/health', handler: async () => ({ status: 'ok' }) });
};
