const base = require('./config/next.base');
module.exports = { ...base, reactStrictMode: true };
