export { Hono } from "jsr:@hono/hono@4.6.14";
