target "ledger" {
  context    = "."
  dockerfile = "docker/Dockerfile"
  tags       = ["ghcr.io/acme/ledger:edge"]
}
