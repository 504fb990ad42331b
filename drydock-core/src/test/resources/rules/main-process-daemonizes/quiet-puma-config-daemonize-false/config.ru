require "./ledger"
run Ledger
