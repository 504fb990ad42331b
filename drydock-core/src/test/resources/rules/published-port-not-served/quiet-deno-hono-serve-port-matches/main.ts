import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.text("hono on deno"));

Deno.serve({ port: 8080 }, app.fetch);
