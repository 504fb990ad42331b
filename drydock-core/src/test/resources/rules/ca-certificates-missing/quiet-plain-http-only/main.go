package main

import "net/http"

// Serves metrics; see https://prometheus.io/docs/instrumenting/exposition_formats/
func main() {
	http.ListenAndServe(":9100", nil)
}
