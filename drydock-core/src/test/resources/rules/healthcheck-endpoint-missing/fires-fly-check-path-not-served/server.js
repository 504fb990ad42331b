const express = require("express");

const app = express();
app.get("/", (req, res) => res.send("ledger"));
app.get("/health", (req, res) => res.send("ok"));

app.listen(8080, () => console.log("listening"));
