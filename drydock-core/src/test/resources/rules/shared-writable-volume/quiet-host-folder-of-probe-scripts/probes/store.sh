#!/bin/sh
pg_isready -h 127.0.0.1 -U postgres
