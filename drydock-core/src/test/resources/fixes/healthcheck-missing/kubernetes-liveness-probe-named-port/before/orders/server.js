const http = require('http');
const { api, health } = require('./handlers');

http.createServer(api).listen(8080);
http.createServer(health).listen(8081);
