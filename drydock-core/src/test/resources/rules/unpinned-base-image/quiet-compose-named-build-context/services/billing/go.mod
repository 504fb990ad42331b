module example.com/billing

go 1.23

replace example.com/money => ../../libs/money
