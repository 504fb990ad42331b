#!/usr/bin/env python3
import os

os.execvp("jupyter", ["jupyter", "lab", "--ip=0.0.0.0"])
