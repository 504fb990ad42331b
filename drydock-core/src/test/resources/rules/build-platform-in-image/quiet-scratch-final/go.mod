module beacon

go 1.25
