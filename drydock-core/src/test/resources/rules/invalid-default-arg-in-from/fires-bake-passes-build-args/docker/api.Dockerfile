ARG GO_VERSION
# expect: invalid-default-arg-in-from
# expect-severity: invalid-default-arg-in-from: low
# expect-text: invalid-default-arg-in-from: the build in docker-bake.override.hcl passes the argument
FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
