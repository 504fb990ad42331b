package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	e := echo.New()
	go e.Start(":8080")
	<-ctx.Done()
	down, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	_ = e.Shutdown(down)
	_ = os.Stdout.Sync()
}
