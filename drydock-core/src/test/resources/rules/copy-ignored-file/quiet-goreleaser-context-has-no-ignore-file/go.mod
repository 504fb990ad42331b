module github.com/ketchworks/skiff

go 1.23
