module example.com/forge

go 1.24.5

require (
	github.com/gliderlabs/ssh v0.3.8
	github.com/go-chi/chi/v5 v5.2.2
)
