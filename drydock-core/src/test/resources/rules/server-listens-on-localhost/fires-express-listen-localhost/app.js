const express = require('express');

const app = express();
app.get('/', (req, res) => res.send('admin'));

const HOST = '0.0.0.0';
app.listen(5000, 'localhost', () => console.log('listening'));
