package dev.drydock.core.rules.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.rules.support.SecretNames;
import dev.drydock.core.rules.support.SensitivePaths;
import dev.drydock.core.rules.support.SensitivePaths.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The name and value classifiers the secret and build-context rules rely on. */
class SecretNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"SECRET_KEY", "DJANGO_SECRET_KEY", "SECRET_KEY_BASE", "SQL_SERVER_PASSWORD", "DB_PASS",
            "dbPassword", "GITHUB_TOKEN", "API_KEY", "OPENAI_API_KEY", "apiKey", "AWS_SECRET_ACCESS_KEY", "JWT_SECRET",
            "RAILS_MASTER_KEY", "APP_KEY", "PRIVATE_KEY", "BASIC_AUTH", "REDIS_PASSWORD", "NEXTAUTH_SECRET",
            "GOOGLE_CREDENTIALS", "SSH_PASSPHRASE", "DB_ENC_KEY", "ENCRYPTION_KEY", "DB_ENCRYPTION_KEY",
            "WEBPASSWORD", "ADMINPASSWORD", "DB_ROOTPASSWD", "RELEASE_COOKIE", "RABBITMQ_ERLANG_COOKIE",
            "COUCHDB_ERLANG_COOKIE", "SOCKET_PHOENIX_CLUSTER_COOKIE", "ACCESS_KEY", "MINIO_SECRET_KEY", "S3_SECRET_KEY"})
    void secretNames(String name) {
        assertThat(SecretNames.isSecretName(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PWD", "SQL_SERVER_USER", "SQLITE_DB_NAME", "AWS_ACCESS_KEY_ID", "MINIO_ACCESS_KEY", "S3_ACCESS_KEY", "POSTGRES_PASSWORD_FILE",
            "TOKENIZERS_PARALLELISM", "GPG_KEY", "PASSWORD_MIN_LENGTH", "TOKEN_EXPIRY", "API_KEY_HEADER",
            "NEXT_PUBLIC_STRIPE_KEY", "STRIPE_PUBLISHABLE_KEY", "POSTGRES_HOST_AUTH_METHOD", "SESSION_COOKIE_SECURE",
            "CACHE_KEY_PREFIX", "MAX_CONTENT_LENGTH", "KEY", "SECRET_KEY_PATH", "FLASK_ENV", "APIKEY_USERS",
            "PASSWORD_RESET_EMAIL", "MYSQL_ALLOW_EMPTY_PASSWORD", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD",
            "MYSQL_RANDOM_ROOT_PASSWORD", "MARIADB_RANDOM_ROOT_PASSWORD", "MYSQL_ONETIME_PASSWORD",
            "JOOMLA_DB_PASSWORD_ALLOW_EMPTY", "ALLOWEMPTYPASSWORD", "NOPASSWORD", "WEBPASSWORD_FILE",
            "SESSION_COOKIE", "AUTH_COOKIE", "RELEASE_COOKIE_FILE"})
    void notSecretNames(String name) {
        assertThat(SecretNames.isSecretName(name)).as(name).isFalse();
    }

    @Test
    void literalValues() {
        assertThat(SecretNames.isLiteralSecretValue("change-me")).isTrue();
        assertThat(SecretNames.isLiteralSecretValue("12345")).isTrue();
        assertThat(SecretNames.isLiteralSecretValue("")).isFalse();
        assertThat(SecretNames.isLiteralSecretValue("\"\"")).isFalse();
        assertThat(SecretNames.isLiteralSecretValue("yes")).isFalse();
        assertThat(SecretNames.isLiteralSecretValue("/run/secrets/db_password")).isFalse();
        assertThat(SecretNames.isLiteralSecretValue("{{ .Values.password }}")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AKIAIOSFODNN7EXAMPLE|an AWS access key id|true",
            "-----BEGIN OPENSSH PRIVATE KEY-----|a private key|true",
            "token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB|a GitHub token|true",
            "glpat-abcdefghij0123456789|a GitLab token|true",
            "postgres://app:s3cret@db:5432/app|a password in a URL|false",
            "redis://:s3cret@cache:6379/0|a password in a URL|false"})
    void credentialsByForm(String text, String kind, boolean issued) {
        var match = SecretNames.credentialIn(text);
        assertThat(match).isPresent();
        assertThat(match.get().kind()).isEqualTo(kind);
        assertThat(match.get().issued()).isEqualTo(issued);
    }

    @Test
    void aUrlPasswordIsMaskedAlone() {
        String text = "postgresql://app:s3cret-pw@db:5432/app";
        var match = SecretNames.credentialIn(text).orElseThrow();
        assertThat(match.secret(text)).isEqualTo("s3cret-pw");
        assertThat(match.redacted(text)).isEqualTo("postgresql://app:s3****@db:5432");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5000/health", "postgresql://app:${DB_PASSWORD}@db/app",
            "https://pypi.org/simple", "sk-short", "AKIA-not-a-key"})
    void notCredentials(String text) {
        assertThat(SecretNames.credentialIn(text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            ".env, SECRET", ".env.production, SECRET", "config/web.env, SECRET", "id_rsa, SECRET",
            "deploy/key.pem, SECRET", "server.key, SECRET", ".aws/credentials, SECRET", "credentials.json, SECRET",
            "src/data/app.db, DATA", "db.sqlite3, DATA", "src/uploads/x.png, DATA", "logs/app.log, LOGS",
            "debug.log, LOGS", ".git/HEAD, VCS", "node_modules/x/index.js, DEPENDENCIES", ".venv, DEPENDENCIES",
            "pkg/__pycache__/m.pyc, CACHE", "m.pyc, CACHE"})
    void sensitivePaths(String path, Kind kind) {
        assertThat(SensitivePaths.classify(path)).as(path).hasValueSatisfying(m -> assertThat(m.kind()).isEqualTo(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {".env.example", ".env.sample", "web.env.template", "app.py", "requirements.txt",
            "src/main.py", "cert.pub", "id_rsa.pub", "static/logo.png"})
    void harmlessPaths(String path) {
        assertThat(SensitivePaths.classify(path).filter(m -> m.definite())).as(path).isEmpty();
    }
}
