# /// script
# requires-python = ">=3.12"
# dependencies = ["httpx==0.28.1"]
# ///
import httpx

print(httpx.get("https://example.org").status_code)
