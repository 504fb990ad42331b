package main

import (
	"log"

	"example.test/notes/web"
)

func main() {
	engine := web.NewEngine()
	if err := engine.Run(":8080"); err != nil {
		log.Fatal(err)
	}
}
