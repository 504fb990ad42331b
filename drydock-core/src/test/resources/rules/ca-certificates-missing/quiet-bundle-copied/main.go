package main

import (
	"log"
	"net/http"
	"strings"
)

const hook = "https://hooks.example.com/services/deploys"

func main() {
	resp, err := http.Post(hook, "text/plain", strings.NewReader("deployed"))
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
}
