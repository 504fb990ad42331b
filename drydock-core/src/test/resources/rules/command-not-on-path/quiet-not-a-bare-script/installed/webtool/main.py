def run():
    print("up")
