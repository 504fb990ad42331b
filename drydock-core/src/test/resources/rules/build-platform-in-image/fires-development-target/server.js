console.log("watch")
