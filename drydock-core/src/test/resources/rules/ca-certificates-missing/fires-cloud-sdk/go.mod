module example.com/uploader

go 1.23

require github.com/aws/aws-sdk-go-v2/service/s3 v1.66.0
