const express = require('express');
const morgan = require('morgan');
const tasks = require('./routes/tasks');

const app = express();

app.use(express.json());
app.use(morgan('combined'));

app.get('/healthz', (req, res) => {
  res.json({ status: 'ok' });
});

app.use('/tasks', tasks);

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

module.exports = app;
