const timer = setInterval(() => {}, 1000);
process.on("SIGTERM", () => { clearInterval(timer); process.exit(0); });
