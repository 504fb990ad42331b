#!/bin/sh
set -e
keytool -importcert -noprompt -keystore /app/truststore.jks -storepass changeit -alias corp -file /app/corp-ca.crt
exec java -Djavax.net.ssl.trustStore=/app/truststore.jks -jar /app/app.jar
