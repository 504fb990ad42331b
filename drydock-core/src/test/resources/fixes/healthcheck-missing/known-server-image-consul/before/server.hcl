server = true
