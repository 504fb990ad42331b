module.exports = { output: 'standalone', assetPrefix: 'https://cdn.example.com' };
