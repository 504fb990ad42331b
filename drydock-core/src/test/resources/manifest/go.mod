module github.com/example/notes // the module

go 1.22.1

toolchain go1.22.3

require github.com/gin-gonic/gin v1.9.1

require (
	github.com/jackc/pgx/v5 v5.5.5
	golang.org/x/crypto v0.22.0 // indirect
	"example.com/quoted" v1.0.0
)

replace github.com/old/lib v1.0.0 => github.com/new/lib v1.2.0

replace example.com/local => ../local

exclude golang.org/x/net v0.1.0

retract v0.9.0
