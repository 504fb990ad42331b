import ssl

from flask import Flask

app = Flask(__name__)


@app.get("/health")
def health():
    return "ok"


if __name__ == "__main__":
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain("/certs/cert.pem", "/certs/key.pem")
    app.run(host="0.0.0.0", port=8443, ssl_context=context)
