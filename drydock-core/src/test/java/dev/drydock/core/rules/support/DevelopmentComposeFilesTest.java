package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevelopmentComposeFilesTest {

    private static boolean says(String header) {
        return DevelopmentComposeFiles.saysDevelopment(SourceFile.of("compose.yaml", header + "\nservices:\n  web:\n"
                + "    image: nginx:1.27.3\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "# Compose file for local development only: do not use in production.",
        "# This file is for the development setup",
        "# For development purposes only",
        "# docker-compose for development",
        "# This stack is meant for learning",
        "# Demo setup, for demo purposes",
        "# Development environment",
        "# Local dev stack: Postgres, Redis and the API",
        "# Do not use this file in production",
        "# NOT production-ready",
        "# only for testing",
        "---\n# Not intended for production use",
        "# Local Development Docker Compose\n# Runs only the database; the API runs on the host",
        "# This docker-compose.yaml serves as development environment.",
        "# This compose file can be useful for development purposes.\n# It starts Grafana with the plugin mounted.",
        "# docker-compose file for local development and testing with the container image.",
        "# Local dev environment with a toy Prometheus and Grafana for dashboard work",
    })
    void headersThatSayTheFileIsForDevelopment(String header) {
        assertThat(says(header)).as(header).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "# Compose file for development and production",
        "# Production stack. For local development, use compose.dev.yml instead",
        "# For development, see docker-compose.override.yml",
        "# Used for development and to deploy the staging server",
        "# Production deployment of the API",
        "# Set up the development environment variables in .env before you deploy",
        "# Docker Compose for development and production environments",
        "# Development and production share this file; the override adds the mounts",
        "# The API, as it runs in production. It also serves as development environment with the override",
        "",
    })
    void headersThatDoNot(String header) {
        assertThat(says(header)).as(header).isFalse();
    }
}
