const server = require('http').createServer((q, s) => s.end('ok')).listen(8080);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
