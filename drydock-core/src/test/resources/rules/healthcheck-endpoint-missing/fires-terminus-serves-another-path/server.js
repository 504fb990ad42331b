const http = require('node:http');
const express = require('express');
const { createTerminus } = require('@godaddy/terminus');
const app = express();
app.get('/', (req, res) => res.send('home'));
createTerminus(http.createServer(app), { healthChecks: { '/live': () => Promise.resolve() } }).listen(8080);
