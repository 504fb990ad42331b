const express = require("express");

const app = express();
app.get("/health", (req, res) => res.send("ok"));
const server = app.listen(3000);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
