module github.com/acme/shipyard/v2

go 1.22
