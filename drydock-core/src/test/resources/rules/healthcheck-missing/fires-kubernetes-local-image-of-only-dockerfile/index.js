const express = require('express');
const app = express();
const port = 3000;

app.get('/', (req, res) => {
  res.send('Hello from Dockerized Node.js App!');
});

app.get('/healthz', (req, res) => {
  res.status(200).send('OK');
});

const server = app.listen(port);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
