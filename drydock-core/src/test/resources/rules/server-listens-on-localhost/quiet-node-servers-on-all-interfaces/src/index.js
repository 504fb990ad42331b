const express = require('express');
const Fastify = require('fastify');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 8080, () => console.log('public api up'));

const admin = Fastify();
admin.get('/metrics', async () => '');
admin.listen({ port: 9100, host: '0.0.0.0' });

const internal = Fastify();
internal.listen({ port: 9200, host: process.env.INTERNAL_HOST });

const legacy = Fastify();
legacy.listen(9300, '::');
