package main

import (
	"time"

	"example.com/search/lifecycle"
	"github.com/gofiber/fiber/v2"
)

func main() {
	app := fiber.New()
	lifecycle.OnStop(func() { app.ShutdownWithTimeout(8 * time.Second) })
	app.Listen(":3000")
}
