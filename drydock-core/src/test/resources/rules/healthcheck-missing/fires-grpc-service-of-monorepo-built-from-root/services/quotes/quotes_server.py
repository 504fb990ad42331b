import signal
from concurrent import futures

import grpc

server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
server.add_insecure_port("[::]:7443")
signal.signal(signal.SIGTERM, lambda *_: server.stop(grace=10))
server.start()
server.wait_for_termination()
