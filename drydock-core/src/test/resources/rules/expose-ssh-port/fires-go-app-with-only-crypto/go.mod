module example.com/deployer

go 1.24.5

require golang.org/x/crypto v0.39.0
