import { Hono } from "jsr:@hono/hono@4.6.14";

const app = new Hono();
app.get("/health", (c) => c.text("ok"));
Deno.serve({ port: 8000 }, app.fetch);
