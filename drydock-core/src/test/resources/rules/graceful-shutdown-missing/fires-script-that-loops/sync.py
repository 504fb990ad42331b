import time


def sync_once():
    print("synced")


while True:
    sync_once()
    time.sleep(60)
