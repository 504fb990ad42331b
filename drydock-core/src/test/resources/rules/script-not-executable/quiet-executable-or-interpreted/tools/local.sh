#!/bin/sh
echo ignored
