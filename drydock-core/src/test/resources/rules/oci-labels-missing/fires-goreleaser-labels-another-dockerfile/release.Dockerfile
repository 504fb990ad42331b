FROM alpine:3.20
COPY lanternd /usr/bin/lanternd
ENTRYPOINT ["/usr/bin/lanternd"]
