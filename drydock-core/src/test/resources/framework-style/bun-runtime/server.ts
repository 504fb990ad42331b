Bun.serve({
  port: 3000,
  fetch(req) {
    return new URL(req.url).pathname === "/" ? new Response("ledgerline") : new Response("no", { status: 404 });
  },
});
