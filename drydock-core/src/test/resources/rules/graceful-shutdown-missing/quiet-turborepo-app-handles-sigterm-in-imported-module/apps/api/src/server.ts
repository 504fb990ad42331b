import express from "express";

export const createServer = () => {
  const app = express();
  app
    .disable("x-powered-by")
    .get("/healthz", (req, res) => res.json({ ok: true }));
  const port = process.env.PORT || 3001;
  const server = app.listen(port);
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
  return server;
};
