console.log("relay")
