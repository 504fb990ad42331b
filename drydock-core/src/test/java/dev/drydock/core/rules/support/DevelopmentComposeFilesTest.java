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
        "",
    })
    void headersThatDoNot(String header) {
        assertThat(says(header)).as(header).isFalse();
    }
}
