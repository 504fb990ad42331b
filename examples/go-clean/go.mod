module example.com/go-clean

go 1.23
