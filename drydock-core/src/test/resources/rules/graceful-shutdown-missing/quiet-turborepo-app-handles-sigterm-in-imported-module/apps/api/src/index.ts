import { createServer } from "./server";

createServer();
