print("report written")
