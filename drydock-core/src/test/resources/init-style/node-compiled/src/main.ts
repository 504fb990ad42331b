import express from 'express';

const app = express();
app.get('/', (_req, res) => { res.json({ parcels: [] }); });
const server = app.listen(3000);
process.on('SIGTERM', () => server.close());
