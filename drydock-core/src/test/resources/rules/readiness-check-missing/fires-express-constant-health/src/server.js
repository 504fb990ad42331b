const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();
const app = express();

app.get('/healthz', (req, res) => res.status(200).json({ status: 'ok', uptime: process.uptime() }));

app.get('/users', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM users');
  res.json(rows);
});

app.listen(process.env.PORT || 3000);
