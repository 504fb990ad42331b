const express = require("express");
const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();
const app = express();
app.get("/", async (req, res) => res.json(await prisma.note.findMany()));
app.listen(3000);
