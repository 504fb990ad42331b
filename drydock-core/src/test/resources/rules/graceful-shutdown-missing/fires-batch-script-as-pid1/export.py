import csv
import time


def main():
    with open("/tmp/export.csv", "w", newline="") as out:
        writer = csv.writer(out)
        for n in range(1_000_000):
            writer.writerow([n, n * n])
            time.sleep(0.01)


if __name__ == "__main__":
    main()
