package main

import (
	"log"
	"os"

	"github.com/gofiber/fiber/v2"
)

func main() {
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("shop") })
	app.Get(os.Getenv("HEALTH_PATH"), func(c *fiber.Ctx) error { return c.SendString("ok") })
	log.Fatal(app.Listen(":3000"))
}
