module github.com/acme/shipyard

go 1.22
