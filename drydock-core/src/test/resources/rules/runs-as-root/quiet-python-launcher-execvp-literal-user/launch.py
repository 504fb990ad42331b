import os
import sys

os.makedirs("/srv/data", exist_ok=True)
os.execvp("gosu", ["gosu", "app", sys.executable, "-m", "gunicorn", "--bind", "0.0.0.0:8000", "app:app"])
