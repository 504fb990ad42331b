SECRET_KEY = "not-the-instance-file"
