target "shop" {
  tags   = ["registry.example.com/shop:latest"]
  secret = ["id=npm_token,env=NPM_TOKEN"]
  args = {
    NODE_ENV = "production"
  }
}
