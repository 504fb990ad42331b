module example.com/beacon

go 1.23
