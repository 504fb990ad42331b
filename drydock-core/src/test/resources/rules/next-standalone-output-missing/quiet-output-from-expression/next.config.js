module.exports = {
  output: process.env.NEXT_OUTPUT,
};
