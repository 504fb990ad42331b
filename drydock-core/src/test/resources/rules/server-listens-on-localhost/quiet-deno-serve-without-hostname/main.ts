Deno.serve({ port: 8000 }, (_req) => new Response("every interface"));
