const server = require("express")().listen(3000);
process.on("SIGTERM", () => server.close());
