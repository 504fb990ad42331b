export default {
  output: 'export',
};
