FROM ghcr.io/sandbar/driftctl:latest
COPY plugins/ /usr/share/driftctl/plugins/
