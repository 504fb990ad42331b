const fs = require("fs");
const dir = process.env.UPLOAD_DIR;
require("http").createServer((q, r) => { fs.writeFileSync(dir + "/last", "x"); r.end("ok"); }).listen(3000);
