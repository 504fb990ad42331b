module github.com/microservices-demo/catalogue

go 1.23
