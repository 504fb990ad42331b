package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	r.GET("/items", func(c *gin.Context) { c.JSON(http.StatusOK, []string{"a", "b"}) })
	r.Run(":8080")
}
