const fs = require("fs");

const totals = JSON.parse(fs.readFileSync("/data/totals.json", "utf8"));
console.log(`orders: ${totals.orders}`);
