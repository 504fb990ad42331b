require("./settings/load");
const express = require("express");

const server = express();
server.get("/", (req, res) => res.send("ledger"));
server.listen(4000);
