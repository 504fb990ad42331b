export default defineEventHandler(() => 'pong');
