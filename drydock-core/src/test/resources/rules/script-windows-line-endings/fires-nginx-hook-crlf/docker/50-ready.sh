#!/bin/sh
set -e
echo ready
