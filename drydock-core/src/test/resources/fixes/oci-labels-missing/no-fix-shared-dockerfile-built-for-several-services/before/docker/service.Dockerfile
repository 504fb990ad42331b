FROM python:3.12.8-slim
ARG SERVICE
ENV PYTHONUNBUFFERED=1
WORKDIR /srv
COPY services/${SERVICE}/requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY services/${SERVICE}/ .
USER 10001
CMD ["python", "main.py"]
