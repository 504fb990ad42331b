FROM nginx:1.27.2-alpine
COPY site/ /usr/share/nginx/html/
HEALTHCHECK CMD ["curl", "--silent", "http://localhost:8080/health"]
