function handler(_req: Request): Response {
  return new Response("hello from deno");
}

Deno.serve(handler);
