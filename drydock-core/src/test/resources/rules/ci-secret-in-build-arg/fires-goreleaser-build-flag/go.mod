module github.com/portcullis/gatekeep

go 1.23
