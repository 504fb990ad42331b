FROM python:3.12.8-slim
ARG SERVICE
ENV PYTHONUNBUFFERED=1
WORKDIR /srv
COPY services/${SERVICE}/requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY services/${SERVICE}/ .
USER 10001
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=3)"]
CMD ["gunicorn", "--graceful-timeout", "5", "-b", "0.0.0.0:8000", "main:app"]
