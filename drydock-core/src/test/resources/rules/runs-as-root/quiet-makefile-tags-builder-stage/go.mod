module ghr
go 1.22
