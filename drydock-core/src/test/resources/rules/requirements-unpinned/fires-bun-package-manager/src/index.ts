import { Hono } from 'hono';
