#!/usr/bin/env python3
"""Checks the shop answers; the image's HEALTHCHECK runs it."""
import urllib.request
urllib.request.urlopen("http://localhost:8000/health")
