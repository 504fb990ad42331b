#!/bin/sh
sleep 5
mongo --eval "db.orders.insert({})"
