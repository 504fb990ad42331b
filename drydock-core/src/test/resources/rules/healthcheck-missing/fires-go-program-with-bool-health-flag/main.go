package main

import (
	"flag"
	"net/http"
	"os"
)

func main() {
	check := flag.Bool("health", false, "probe the server and exit")
	flag.Parse()
	if *check {
		if _, err := http.Get("http://127.0.0.1:8080/"); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	http.ListenAndServe(":8080", http.FileServer(http.Dir("/srv")))
}
