import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono();
app.get('/healthz', (c) => c.text('ok'));
app.get('/', (c) => c.text('hello'));

serve({ fetch: app.fetch, port: 3000 });
