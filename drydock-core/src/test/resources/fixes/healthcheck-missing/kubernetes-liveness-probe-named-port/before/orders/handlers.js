const table = require('./routes.json');

exports.api = (req, res) => table.dispatch(req, res);
exports.health = (req, res) => {
  res.writeHead(200);
  res.end('ok');
};
