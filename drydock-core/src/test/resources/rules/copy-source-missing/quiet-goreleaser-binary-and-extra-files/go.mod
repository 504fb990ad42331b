module github.com/postmarkhq/postmark

go 1.23
