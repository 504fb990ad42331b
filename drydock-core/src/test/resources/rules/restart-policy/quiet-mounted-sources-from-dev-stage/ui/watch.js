console.log("watching");
