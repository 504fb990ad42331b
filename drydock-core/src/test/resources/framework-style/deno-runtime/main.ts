import { Hono } from "./deps.ts";

const app = new Hono();
app.get("/", (c) => c.text("signal"));
Deno.serve({ port: 8000 }, app.fetch);
