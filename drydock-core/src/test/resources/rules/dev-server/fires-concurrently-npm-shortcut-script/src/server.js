const express = require("express");
const app = express();
app.get("/", (req, res) => res.send("board"));
app.listen(3000);
