package main

import (
	"net/http"
	"strings"

	_ "golang.org/x/crypto/x509roots/fallback"
)

func main() {
	http.Post("https://hooks.example.com/services/deploys", "text/plain", strings.NewReader("deployed"))
}
