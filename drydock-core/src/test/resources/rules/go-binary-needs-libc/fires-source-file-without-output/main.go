package main

import (
	"log"

	"github.com/gofiber/fiber/v2"
)

func main() {
	app := fiber.New()
	log.Fatal(app.ListenTLS(":3001", "certs/tls.crt", "certs/tls.key"))
}
