FROM python:3.12.8-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir .
USER nobody
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "web.app:app"]
