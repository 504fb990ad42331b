module example.org/shortener

go 1.23
