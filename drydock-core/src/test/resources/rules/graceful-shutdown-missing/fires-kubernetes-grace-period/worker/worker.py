import time


def main():
    while True:
        time.sleep(5)


if __name__ == "__main__":
    main()
