module example.org/harbor-tools/tidewatch

go 1.23
