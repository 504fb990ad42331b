package main

import (
	"log"

	"example.test/notes/web"
)

func main() {
	engine := web.NewEngine()
	if err := engine.Run("127.0.0.1:8080"); err != nil {
		log.Fatal(err)
	}
}
