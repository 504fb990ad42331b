console.log("__API_URL__")
