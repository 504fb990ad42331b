import os
import sys


def main(environ):
    owner = "{}:{}".format(environ.get("RELAY_UID", 1500), environ.get("RELAY_GID", 1500))
    os.makedirs("/var/lib/relay", exist_ok=True)
    os.chown("/var/lib/relay", int(owner.split(":")[0]), int(owner.split(":")[1]))
    argv = ["gosu", owner, "python", "-m", "relay"]
    os.execve("/usr/sbin/gosu", argv, environ)


if __name__ == "__main__":
    main(os.environ)
    sys.exit(1)
