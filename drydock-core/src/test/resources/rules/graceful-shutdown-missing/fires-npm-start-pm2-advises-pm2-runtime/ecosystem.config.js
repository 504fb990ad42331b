module.exports = { apps: [{ name: "catalog", script: "server.js" }] };
