const app = require("express")();
app.get("/", (req, res) => res.send("up"));
app.listen(3001);
