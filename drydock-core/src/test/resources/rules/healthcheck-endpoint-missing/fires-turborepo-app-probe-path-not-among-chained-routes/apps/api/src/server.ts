import express from "express";

export const createServer = () => {
  const app = express();
  app
    .disable("x-powered-by")
    .use(express.json())
    .get("/berths/:id", (req, res) => res.json({ id: req.params.id }))
    .get("/healthz", (req, res) => res.json({ ok: true }));
  return app;
};
