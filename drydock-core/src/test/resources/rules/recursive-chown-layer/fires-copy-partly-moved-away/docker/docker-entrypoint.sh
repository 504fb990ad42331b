# docker-entrypoint.sh
