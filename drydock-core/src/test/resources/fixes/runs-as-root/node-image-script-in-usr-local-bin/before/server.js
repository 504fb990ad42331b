const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('relay'));
app.listen(3000);
