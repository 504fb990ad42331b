module ledger

go 1.25
