import { Application } from "@oak/oak";

const app = new Application();
app.use((ctx) => {
  ctx.response.body = "oak says hi";
});

await app.listen({ port: 8000 });
