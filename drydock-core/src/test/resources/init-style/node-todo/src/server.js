const express = require('express');

const app = express();
const items = [];
app.use(express.json());
app.get('/', (req, res) => res.json(items));
app.post('/', (req, res) => { items.push(req.body); res.status(201).end(); });

const server = app.listen(3000);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
