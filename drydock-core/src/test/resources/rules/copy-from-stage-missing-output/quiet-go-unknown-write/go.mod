module github.com/acme/first

go 1.22
