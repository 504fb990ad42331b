const { Router } = require('express');
const probes = Router();
probes.get('/', (req, res) => res.sendStatus(200));

module.exports = (app) => {
  app.use('/healthz', probes);
};
