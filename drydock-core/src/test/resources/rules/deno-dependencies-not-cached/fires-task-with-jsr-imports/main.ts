import { Hono } from "@hono/hono";

const app = new Hono();
app.get("/health", (c) => c.text("ok"));
Deno.serve({ port: 8000 }, app.fetch);
