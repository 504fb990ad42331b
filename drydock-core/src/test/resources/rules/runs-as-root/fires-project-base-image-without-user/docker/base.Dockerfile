# expect: runs-as-root
# expect-severity: runs-as-root: low
FROM node:22.11.0-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends sqlite3=3.40.1-2+deb12u1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
