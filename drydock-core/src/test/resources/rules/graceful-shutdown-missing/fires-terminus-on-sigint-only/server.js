const http = require('http');
const terminus = require('@godaddy/terminus');
const server = http.createServer((req, res) => res.end('ok'));
terminus.createTerminus(server, { signal: 'SIGINT', onSignal: async () => {} });
server.listen(3000);
