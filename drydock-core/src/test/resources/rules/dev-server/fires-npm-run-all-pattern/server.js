const express = require("express");
const app = express();
app.get("/", (req, res) => res.send("shop"));
app.listen(3000);
