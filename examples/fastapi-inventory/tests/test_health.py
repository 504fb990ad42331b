from fastapi.testclient import TestClient

from inventory.main import app


def test_health():
    with TestClient(app) as client:
        assert client.get("/health").json() == {"status": "ok"}
