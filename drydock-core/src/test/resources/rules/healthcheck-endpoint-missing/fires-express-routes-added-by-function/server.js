const express = require('express');
const { addStatusRoutes } = require('./routes/status');
const app = express();
addStatusRoutes(app);
app.listen(3000);
