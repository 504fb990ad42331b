const port = Number(Deno.env.get("PORT") ?? 8080);

Deno.serve({ port }, (_req) => new Response("ok"));
