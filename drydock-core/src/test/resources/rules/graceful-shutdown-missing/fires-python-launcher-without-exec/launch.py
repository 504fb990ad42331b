import os
import subprocess


def main(environ):
    config = environ.get("RELAY_CONFIG", "/data/relay.yaml")
    subprocess.run(["python", "-m", "relayd", "--config", config], check=True)


if __name__ == "__main__":
    main(os.environ)
