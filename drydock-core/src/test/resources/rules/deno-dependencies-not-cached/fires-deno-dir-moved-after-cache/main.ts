import { serveDir } from "jsr:@std/http@1.0.12/file-server";

Deno.serve((req) => serveDir(req, { fsRoot: "public" }));
