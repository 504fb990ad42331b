module example.com/blobstore

go 1.23
