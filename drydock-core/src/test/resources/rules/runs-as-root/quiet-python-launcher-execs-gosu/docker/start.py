#!/usr/local/bin/python
import os
import subprocess
import sys


def main():
    environ = os.environ.copy()
    ownership = "{}:{}".format(environ.get("UID", 991), environ.get("GID", 991))
    data_dir = environ.get("DATA_DIR", "/data")
    subprocess.run(["chown", "-R", ownership, data_dir], check=True)
    args = [sys.executable, "-m", "homeserver", "--config-path", data_dir + "/homeserver.yaml"]
    # hand the process over to the server as the unprivileged user
    args = [
        "gosu",
        ownership,
    ] + args
    sys.stdout.flush()
    os.execve(args[0], args, environ)


if __name__ == "__main__":
    main()
