def main():
    print("polling")


if __name__ == "__main__":
    main()
