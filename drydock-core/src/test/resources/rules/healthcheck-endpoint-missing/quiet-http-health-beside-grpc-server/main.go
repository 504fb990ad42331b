package main

import (
	"fmt"
	"net"
	"net/http"
	"os"

	"google.golang.org/grpc"
)

func main() {
	lis, err := net.Listen("tcp", fmt.Sprintf(":%s", os.Getenv("PORT")))
	if err != nil {
		panic(err)
	}
	srv := grpc.NewServer()
	go srv.Serve(lis)

	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "ok") })
	if err := http.ListenAndServe(":8081", nil); err != nil {
		panic(err)
	}
}
