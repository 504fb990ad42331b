import "dotenv/config";
import { createServer } from "node:http";

createServer((_req, res) => res.end("ok")).listen(Number(process.env.PORT ?? 3000), "0.0.0.0");
