export default { port: 3001, fetch: () => new Response("ok") };
