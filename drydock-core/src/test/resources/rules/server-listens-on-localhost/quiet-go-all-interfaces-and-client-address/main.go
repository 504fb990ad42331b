package main

import (
	"log"
	"net/http"
	"os"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"
)

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	_ = rdb
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	r := chi.NewRouter()
	r.Get("/health", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	r.Route("/notes", func(r chi.Router) {
		r.Get("/", list)
	})
	srv := &http.Server{
		Addr:    ":" + port,
		Handler: r,
	}
	log.Fatal(srv.ListenAndServe())
}

func list(w http.ResponseWriter, r *http.Request) {}
