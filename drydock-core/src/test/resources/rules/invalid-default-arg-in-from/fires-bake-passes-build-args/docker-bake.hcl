// Shared settings for every image of the repository.
variable "GO_VERSION" {
  default = "1.27.1"
}

/* The tags docker/metadata-action computes in CI replace these. */
target "docker-metadata-action" {
  tags = ["api:local"]
}

target "api" {
  inherits   = ["docker-metadata-action"]
  dockerfile = "docker/api.Dockerfile"
  platforms  = ["linux/amd64", "linux/arm64"]
}
