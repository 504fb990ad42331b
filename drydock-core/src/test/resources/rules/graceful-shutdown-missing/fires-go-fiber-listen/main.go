package main

import (
	"log"

	"github.com/gofiber/fiber/v2"
)

func main() {
	app := fiber.New()
	app.Get("/q", func(c *fiber.Ctx) error { return c.SendString("[]") })
	log.Fatal(app.Listen(":3000"))
}
