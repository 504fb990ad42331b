def migrate():
    pass


def serve():
    pass
