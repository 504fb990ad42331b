setInterval(() => console.log("sync"), 60000);
