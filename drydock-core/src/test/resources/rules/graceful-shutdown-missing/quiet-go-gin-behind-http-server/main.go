package main

import (
	"context"
	"os"
	ossignal "os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"net/http"
)

func main() {
	r := gin.Default()
	r.GET("/items", func(c *gin.Context) { c.JSON(http.StatusOK, []string{}) })
	srv := &http.Server{Addr: ":8080", Handler: r}
	go srv.ListenAndServe()
	quit := make(chan os.Signal, 1)
	ossignal.Notify(quit, syscall.SIGINT, syscall.SIGTERM)
	<-quit
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}
