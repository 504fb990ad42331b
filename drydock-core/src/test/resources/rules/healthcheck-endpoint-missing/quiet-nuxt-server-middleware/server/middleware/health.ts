export default defineEventHandler((event) => {
  if (event.path === '/healthz') {
    return 'ok';
  }
});
