module example.com/mdcheck

go 1.23
