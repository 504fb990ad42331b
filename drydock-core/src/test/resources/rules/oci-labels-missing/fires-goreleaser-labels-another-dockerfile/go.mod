module github.com/beaconworks/lanternd

go 1.23
