import { Worker } from 'bullmq';
const connection = { host: process.env.REDIS_HOST ?? 'localhost', port: 6379, maxRetriesPerRequest: null };
const worker = new Worker('mail', async (job) => { console.log('sending', job.id); }, { connection });
process.on('SIGTERM', async () => { await worker.close(); process.exit(0); });
