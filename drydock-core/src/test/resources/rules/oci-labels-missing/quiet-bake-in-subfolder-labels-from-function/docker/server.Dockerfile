FROM golang:1.23.3 AS build
WORKDIR /src
COPY go.mod ./
COPY cmd ./cmd
RUN CGO_ENABLED=0 go build -o /relay ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /relay /relay
ENTRYPOINT ["/relay"]
