target "_common" {
  labels = {
    "org.opencontainers.image.source" = "https://github.com/example/app"
  }
}

target "app" {
  inherits = ["_common"]
  tags     = ["ghcr.io/example/app:latest"]
}
