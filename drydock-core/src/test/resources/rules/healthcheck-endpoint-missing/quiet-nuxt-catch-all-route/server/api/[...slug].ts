export default defineEventHandler((event) => ({ path: event.path }));
