import { createServer } from "./server";

const port = process.env.PORT || 3001;
createServer().listen(port, () => console.log(`api on ${port}`));
