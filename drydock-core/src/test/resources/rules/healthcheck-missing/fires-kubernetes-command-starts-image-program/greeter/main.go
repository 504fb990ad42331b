package main

import (
	"flag"
	"net/http"
)

func main() {
	port := flag.String("port", "8080", "listen port")
	flag.Parse()
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) })
	http.ListenAndServe(":"+*port, nil)
}
