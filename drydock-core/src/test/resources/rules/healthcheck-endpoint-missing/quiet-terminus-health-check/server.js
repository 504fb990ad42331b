import http from 'node:http';
import express from 'express';
import { createTerminus } from '@godaddy/terminus';

const app = express();
app.get('/', (req, res) => res.send('home'));

const server = http.createServer(app);
const options = {
  healthChecks: { '/health': async () => 'ok', verbatim: true },
  timeout: 5000,
};
createTerminus(server, options);
server.listen(8080);
