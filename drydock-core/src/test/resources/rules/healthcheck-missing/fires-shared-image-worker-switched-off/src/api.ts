import express from 'express';
import { Queue } from 'bullmq';
const connection = { host: process.env.REDIS_HOST ?? 'localhost', port: 6379 };
const queue = new Queue('mail', { connection });
const app = express();
app.use(express.json());
app.post('/send', async (req, res) => { await queue.add('send', req.body); res.status(202).end(); });
app.listen(8080);
