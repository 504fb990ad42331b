import os
import sys


def main(environ):
    config = environ.get("RELAY_CONFIG", "/data/relay.yaml")
    args = ["python", "-m", "relayd", "--config", config]
    os.execvp("python", args)


if __name__ == "__main__":
    main(os.environ)
