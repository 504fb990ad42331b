const http = require('http');
const { createTerminus } = require('@godaddy/terminus');
const server = http.createServer((req, res) => res.end('ok'));
createTerminus(server, { onSignal: async () => {}, timeout: 10000 });
server.listen(3000);
