target "api" {
  args = {
    GO_VERSION = GO_VERSION
  }
}
