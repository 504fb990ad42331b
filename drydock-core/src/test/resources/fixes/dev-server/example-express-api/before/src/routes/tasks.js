const express = require('express');

const router = express.Router();
const tasks = new Map();
let nextId = 1;

router.get('/', (req, res) => {
  res.json([...tasks.values()]);
});

router.post('/', (req, res) => {
  const title = String(req.body.title || '').trim();
  if (!title) {
    return res.status(400).json({ error: 'title is required' });
  }
  const task = { id: nextId++, title, done: false };
  tasks.set(task.id, task);
  res.status(201).json(task);
});

router.patch('/:id', (req, res) => {
  const task = tasks.get(Number(req.params.id));
  if (!task) {
    return res.status(404).json({ error: 'no such task' });
  }
  if (typeof req.body.done === 'boolean') {
    task.done = req.body.done;
  }
  res.json(task);
});

router.delete('/:id', (req, res) => {
  const removed = tasks.delete(Number(req.params.id));
  res.status(removed ? 204 : 404).end();
});

module.exports = router;
