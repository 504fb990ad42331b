FROM alpine:3.20
COPY skiff /usr/bin/skiff
COPY LICENSE /usr/share/licenses/skiff/
ENTRYPOINT ["/usr/bin/skiff"]
