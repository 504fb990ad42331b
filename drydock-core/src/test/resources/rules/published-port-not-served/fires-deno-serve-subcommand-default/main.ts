export default {
  fetch(_req: Request) {
    return new Response("served");
  },
};
