package main

import (
	"log"
	"net/http"

	"github.com/gliderlabs/ssh"
	"github.com/go-chi/chi/v5"
)

func main() {
	go func() {
		log.Fatal(ssh.ListenAndServe(":22", func(s ssh.Session) {}))
	}()
	r := chi.NewRouter()
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Fatal(http.ListenAndServe(":3000", r))
}
