import os
import sys


def main(folder):
    names = sorted(os.listdir(folder))
    for name in names:
        print(name)
    print(f"{len(names)} entries in {folder}")


if __name__ == "__main__":
    main(sys.argv[1])
