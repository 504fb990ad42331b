rootProject.name = "ledger"
include("api", "worker")
