# docker/metadata-action writes the tags and labels of this target in CI
target "docker-metadata-action" {}

target "app" {
  inherits = ["docker-metadata-action"]
  platforms = ["linux/amd64", "linux/arm64"]
}
