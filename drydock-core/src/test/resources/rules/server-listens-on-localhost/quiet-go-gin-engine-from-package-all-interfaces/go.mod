module example.test/notes

go 1.25

require github.com/gin-gonic/gin v1.10.0
