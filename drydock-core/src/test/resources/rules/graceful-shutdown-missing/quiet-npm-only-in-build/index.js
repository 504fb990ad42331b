const server = require('http').createServer((q, s) => s.end('ok')).listen(3000);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
