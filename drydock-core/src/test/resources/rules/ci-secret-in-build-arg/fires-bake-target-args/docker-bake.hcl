variable "NPM_TOKEN" {}

variable "TAG" {
  default = "dev"
}

group "default" {
  targets = ["shop"]
}

target "shop" {
  tags = ["registry.example.com/shop:${TAG}"]
  args = {
    # expect: ci-secret-in-build-arg
    # expect-text: ci-secret-in-build-arg: move it from the target's args to its secret attribute
    NPM_TOKEN = NPM_TOKEN
  }
}
