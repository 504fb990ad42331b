#!/bin/sh
set -e
# expect: start-step-needs-root
# expect-text: start-step-needs-root: changes the JDK's trust store (cacerts)
keytool -importcert -noprompt -cacerts -storepass changeit -alias corp -file /app/corp-ca.crt
exec java -jar /app/app.jar
