// Only development reads the local settings file; other modes expect the variables from outside
const mode = process.env.NODE_ENV || "development";
if (mode === "development") {
  const local = require("./local.json");
  Object.assign(process.env, local);
}
