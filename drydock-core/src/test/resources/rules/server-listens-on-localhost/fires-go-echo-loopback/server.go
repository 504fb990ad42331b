package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "hi") })
	e.GET("/ping", func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	e.Logger.Fatal(e.Start("127.0.0.1:1323"))
}
