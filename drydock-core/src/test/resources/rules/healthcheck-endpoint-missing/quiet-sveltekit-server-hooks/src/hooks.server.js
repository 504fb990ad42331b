export async function handle({ event, resolve }) {
  if (event.url.pathname === '/healthz') {
    return new Response('ok');
  }
  return resolve(event);
}
