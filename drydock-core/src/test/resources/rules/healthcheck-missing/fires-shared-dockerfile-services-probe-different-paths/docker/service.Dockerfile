# expect: healthcheck-missing
# expect-text: healthcheck-missing: users serves /health on port 8000 and orders serves /healthz on port 8000
FROM python:3.12.8-slim
ARG SERVICE
ENV PYTHONUNBUFFERED=1
WORKDIR /srv
COPY services/${SERVICE}/requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY services/${SERVICE}/ .
USER 10001
CMD ["gunicorn", "--graceful-timeout", "5", "-b", "0.0.0.0:8000", "main:app"]
