module.exports = (m) => console.log(m);
