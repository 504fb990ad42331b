module.exports = {
  transpilePackages: ['ui'],
};
