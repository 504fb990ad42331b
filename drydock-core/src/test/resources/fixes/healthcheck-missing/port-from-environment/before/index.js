const express = require('express');

const app = express();

app.get('/', (req, res) => res.send('up'));

app.listen(process.env.LISTEN_PORT || 3000);
