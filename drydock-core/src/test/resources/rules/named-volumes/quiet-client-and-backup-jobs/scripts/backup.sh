#!/bin/bash
pg_dump > /backups/db.sql
