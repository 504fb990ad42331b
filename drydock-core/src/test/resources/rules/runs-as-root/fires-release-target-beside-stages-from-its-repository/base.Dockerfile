# expect: runs-as-root
# expect-severity: runs-as-root: low
# expect-text: runs-as-root: it is a base of the project's own
FROM node:22.12.0-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates dumb-init \
    && rm -rf /var/lib/apt/lists/*
