variable "VERSION" {
  default = "0.0.0-dev"
}

target "app" {
  tags = ["ghcr.io/acme/notes:${VERSION}"]
  labels = {
    "org.opencontainers.image.title"   = "notes"
    "org.opencontainers.image.version" = VERSION
  }
}
