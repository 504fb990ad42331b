FROM python:3.12.8-slim
ENV APP_MODULE=web.app:app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD gunicorn --bind 0.0.0.0:8000 "$APP_MODULE"
