bind = "unix:/run/app/gunicorn.sock"
