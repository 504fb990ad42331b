const http = require('http');
const { api } = require('./handlers');

http.createServer(api).listen(process.env.PORT || 3000);
