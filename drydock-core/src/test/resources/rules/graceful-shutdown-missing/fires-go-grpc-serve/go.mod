module example.com/ledger

go 1.23

require google.golang.org/grpc v1.67.1
