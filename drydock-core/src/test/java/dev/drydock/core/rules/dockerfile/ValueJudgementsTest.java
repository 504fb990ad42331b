package dev.drydock.core.rules.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.rules.support.BuildTools;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.PackageCommands;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The value-level decisions of the Dockerfile rules, one line per case. */
class ValueJudgementsTest {

    @ParameterizedTest(name = "{0}={1} is development configuration: {2}")
    @CsvSource(delimiter = '|', value = {
        "SQLITE_DB_NAME|unify_dev.db|true",
        "SQLITE_DB_NAME|unify.db|false",
        "DJANGO_SETTINGS_MODULE|shop.settings.dev|true",
        "DJANGO_SETTINGS_MODULE|shop.settings.production|false",
        "DATABASE_URL|postgres://u@db/app_development|true",
        "API_URL|https://dev.example.com|true",
        "FLASK_DEBUG|1|true",
        "FLASK_DEBUG|0|false",
        "DEBUG|True|true",
        "DEBUG_PORT|5678|false",
        "MYAPP_DEBUG|yes|true",
        "NODE_ENV|development|true",
        "NODE_ENV|production|false",
        "RAILS_ENV|development|true",
        "APP_ENV|local|true",
        "ASPNETCORE_ENVIRONMENT|Development|true",
        "MIX_ENV|dev|true",
        "VIRTUAL_ENV|/opt/venv|false",
        "SPRING_PROFILES_ACTIVE|prod,dev|true",
        "SPRING_PROFILES_ACTIVE|prod,devtools|false",
        "GIN_MODE|debug|true",
        "GIN_MODE|release|false",
        "WERKZEUG_DEBUG_PIN|off|true",
        "NODE_OPTIONS|--inspect=0.0.0.0:9229|true",
        "NODE_OPTIONS|--max-old-space-size=512|false",
        "JAVA_TOOL_OPTIONS|-agentlib:jdwp=transport=dt_socket,server=y|true",
        "DEVICE|cpu|false",
        "TEAM|devops|false",
        "LOG_FILE|/dev/stdout|false",
        "PATH|/opt/dev/bin:/usr/bin|false",
        "APP_VERSION|1.2.0-dev|false",
        "BUILD_DEPS|libpq-dev|false",
        "PG_HEADERS|libpq-dev|false",
        "LOG_LEVEL|debug|false",
        "HOST|devbox.internal|false",
        "DEVELOPER|alice|false"})
    void developmentValues(String name, String value, boolean development) {
        assertThat(DevConfigInImage.judge(name, value).isPresent()).isEqualTo(development);
    }

    @ParameterizedTest(name = "{0} proves >= 2.3: {1}")
    @CsvSource(delimiter = '|', value = {
        ">=2.3.0|true",
        ">=2.3|true",
        "==3.0.3|true",
        "==2.3.*|true",
        "~=2.3|true",
        "~=2.2.5|false",
        ">2.2|false",
        ">2.3|true",
        ">=2.0,<2.3|false",
        "<3|false",
        "^2.3|true",
        "'*'|false",
        "''|false",
        "@ https://example.com/flask.whl|false"})
    void flaskLowerBounds(String constraint, boolean proves) {
        var since = dev.drydock.core.manifest.Pep440Version.parse("2.3").orElseThrow();
        var bound = DeprecatedEnv.lowerBound(constraint);
        assertThat(bound.isPresent() && bound.get().compareTo(since) >= 0).isEqualTo(proves);
    }

    @ParameterizedTest(name = "{0} moves: {1}")
    @CsvSource(delimiter = '|', value = {
        "python|NO_TAG",
        "python:latest|LATEST",
        "python:3|MAJOR",
        "python:3.11-slim|MINOR",
        "python:3.11.9-slim|-",
        "python:3.11-slim@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|-",
        "node:lts-alpine|NO_VERSION",
        "debian:bookworm-slim|NO_VERSION",
        "debian:12|MAJOR",
        "debian:12.7-slim|-",
        "ubuntu:22.04|MINOR",
        "ubuntu:jammy-20240911|-",
        "ghcr.io/example/app:sha-3f2a9c1|-",
        "ghcr.io/example/app:main|NO_VERSION",
        "eclipse-temurin:21.0.3_9-jre|-",
        "alpine:3.20|MINOR",
        "minio/minio:RELEASE.2025-02-18T16-25-55Z|-",
        "example/tool:build.2024-06-01|-",
        "example/tool:release.candidate|NO_VERSION"})
    void tagMovement(String reference, String movement) {
        var moved = ImageTags.movement(ImageReference.parse(reference));
        assertThat(moved.map(Enum::name).orElse("-")).isEqualTo(movement);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gcc|true", "g++|true", "gcc-12|true", "clang-17|true", "make|true", "cmake|true", "build-essential|true",
        "build-base|true", "musl-dev|true", "libpq-dev|true", "python3-devel|true", "linux-headers|true",
        "unixodbc-dev|true", "libpq5|false", "udev|false", "libdevmapper1.02.1|false", "devscripts|false",
        "curl|false", "cpp|false", "git|false", "ca-certificates|false"})
    void buildTools(String name, boolean tool) {
        assertThat(BuildTools.isBuildTool(name)).isEqualTo(tool);
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "APT|gcc=4:12.2.0-3|gcc",
        "APT|libpq-dev:amd64|libpq-dev",
        "APT|git/bookworm-backports|git",
        "APT|./local.deb|''",
        "APK|musl-dev>=1.2|musl-dev",
        "APK|py3-pip@edge|py3-pip",
        "RPM|gcc-c++|gcc-c++",
        "APT|$PACKAGES|''"})
    void packageNames(PackageCommands.Manager manager, String word, String name) {
        assertThat(PackageCommands.packageName(manager, word)).isEqualTo(name);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "python:3.12|python:3.12-slim",
        "python:3.12-bookworm|python:3.12-slim-bookworm",
        "python|python:slim",
        "node:22-bookworm|node:22-bookworm-slim",
        "ruby:3.3|ruby:3.3-slim",
        "debian:bookworm|debian:bookworm-slim"})
    void slimTags(String reference, String slim) {
        ImageReference ref = ImageReference.parse(reference);
        assertThat(SlimBaseImage.slimTag(ref, ImageTags.officialName(ref))).isEqualTo(slim);
    }
}
