from shop.cli import manager

if __name__ == "__main__":
    manager.run()
