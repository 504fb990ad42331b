const handler = (_req: Request) => new Response("local only");

Deno.serve({ port: 8000, hostname: "127.0.0.1" }, handler);
