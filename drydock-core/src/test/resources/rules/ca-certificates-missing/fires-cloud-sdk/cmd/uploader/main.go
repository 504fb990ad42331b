package main

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	client := s3.New(s3.Options{Region: "eu-west-1"})
	_, _ = client.ListBuckets(context.Background(), &s3.ListBucketsInput{})
}
