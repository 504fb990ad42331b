const express = require('express');

const app = express();

app.get('/health', (req, res) => res.send('ok'));
app.get('/parcels/:id', (req, res) => res.json({ id: req.params.id, state: 'in transit' }));

app.listen(3000, '0.0.0.0');
