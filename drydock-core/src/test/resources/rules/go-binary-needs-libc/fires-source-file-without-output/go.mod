module example.com/products

go 1.23

require github.com/gofiber/fiber/v2 v2.52.5
