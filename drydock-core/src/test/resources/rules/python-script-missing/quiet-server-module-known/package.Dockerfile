FROM python:3.12.8-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY web/ web/
USER nobody
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "flask_app.wsgi:app"]
