import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono().basePath('/api');
app.get('/health', (c) => c.text('ok'));

serve({ fetch: app.fetch, port: 3000 });
