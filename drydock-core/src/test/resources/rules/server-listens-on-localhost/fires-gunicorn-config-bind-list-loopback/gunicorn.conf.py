# expect: server-listens-on-localhost
# expect-text: server-listens-on-localhost: gunicorn binds 127.0.0.1:8000 (`bind = ["127.0.0.1:8000"]` in gunicorn.conf.py line 3)
bind = ["127.0.0.1:8000"]
