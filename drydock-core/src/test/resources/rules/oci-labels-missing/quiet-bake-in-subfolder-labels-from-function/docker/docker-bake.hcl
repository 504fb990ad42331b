variable "VERSION" {
  default = "dev"
}

function "oci_labels" {
  params = []
  result = {
    "org.opencontainers.image.source"  = "https://github.com/example/relay"
    "org.opencontainers.image.version" = VERSION
    "org.opencontainers.image.created" = timestamp()
  }
}

target "_common" {
  labels = oci_labels()
}

target "server" {
  inherits   = ["_common"]
  dockerfile = "docker/server.Dockerfile"
  tags       = ["ghcr.io/example/relay:${VERSION}"]
}
