package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	root := "/export"
	if len(os.Args) > 2 {
		root = os.Args[2]
	}
	log.Fatal(http.ListenAndServe(":9000", http.FileServer(http.Dir(root))))
}
