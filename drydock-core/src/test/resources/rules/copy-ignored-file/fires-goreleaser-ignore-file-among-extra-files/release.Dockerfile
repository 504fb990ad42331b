FROM alpine:3.20
COPY skiff /usr/bin/skiff
# expect: copy-ignored-file
COPY LICENSE /usr/share/licenses/skiff/
ENTRYPOINT ["/usr/bin/skiff"]
