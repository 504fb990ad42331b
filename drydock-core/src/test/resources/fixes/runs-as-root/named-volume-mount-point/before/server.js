const http = require('http');
const fs = require('fs');

http.createServer((req, res) => {
  fs.appendFileSync('/var/lib/notes/log.txt', req.url + '\n');
  res.end('saved');
}).listen(3000);
