import uvicorn


def main():
    uvicorn.run("pantry.app:app", host="0.0.0.0", port=9000)


if __name__ == "__main__":
    main()
