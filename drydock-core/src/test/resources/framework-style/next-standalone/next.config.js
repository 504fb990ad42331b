module.exports = {
  output: "standalone",
};
