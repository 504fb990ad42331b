console.log("worker")
