module github.com/quarrylabs/tollgate

go 1.23
