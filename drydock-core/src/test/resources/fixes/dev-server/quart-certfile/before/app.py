from quart import Quart

app = Quart(__name__)


@app.get("/health")
async def health():
    return "ok"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8443, certfile="/certs/cert.pem", keyfile="/certs/key.pem")
