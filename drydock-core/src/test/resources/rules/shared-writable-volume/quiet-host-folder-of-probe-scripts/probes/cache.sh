#!/bin/sh
valkey-cli ping | grep -q PONG
