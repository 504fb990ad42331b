const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('relay'));
app.listen(process.env.PORT || 80);
