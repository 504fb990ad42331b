FROM golang:1.25.3-alpine3.22 AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/relay .

# expect: oci-labels-missing
# expect-text: oci-labels-missing: org.opencontainers.image.title="fires-title-skips-default-dockerfile-name"
FROM scratch
COPY --from=build /out/relay /relay
USER 65534:65534
ENTRYPOINT ["/relay"]
