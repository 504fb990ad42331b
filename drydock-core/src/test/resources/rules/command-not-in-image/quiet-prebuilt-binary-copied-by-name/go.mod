module github.com/unkeyed/unkey/go

go 1.23
