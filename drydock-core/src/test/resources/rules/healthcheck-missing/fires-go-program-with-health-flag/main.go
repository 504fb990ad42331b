package main

import (
	"flag"
	"net/http"
	"os"
)

var healthCheck string

func main() {
	flag.StringVar(&healthCheck,
		"healthcheck", "", "Check the health endpoint and exit (the value 'auto' finds it)")
	flag.Parse()
	if healthCheck != "" {
		resp, err := http.Get("http://127.0.0.1:8080/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	http.ListenAndServe(":8080", nil)
}
