FROM rust:1.83.0-bookworm AS build
ARG CI_JOB_TOKEN
RUN git config --global url."https://gitlab-ci-token:${CI_JOB_TOKEN}@gitlab.example.com/".insteadOf "https://gitlab.example.com/"
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:12.8-slim
COPY --from=build /src/target/release/relay /usr/local/bin/relay
USER 65532
CMD ["relay"]
