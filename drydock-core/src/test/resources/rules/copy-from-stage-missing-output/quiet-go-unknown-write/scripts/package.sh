#!/bin/sh
cp main first
