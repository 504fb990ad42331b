const express = require("express");
express().get("/", (req, res) => res.send("ok")).listen(3000);
