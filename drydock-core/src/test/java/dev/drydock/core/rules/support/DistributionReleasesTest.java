package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionReleasesTest {

    @ParameterizedTest
    @CsvSource({
            "debian:bookworm-slim, Debian bookworm",
            "debian:12, Debian 12",
            "debian:trixie, Debian trixie",
            "ubuntu:24.04, Ubuntu 24.04",
            "ubuntu:noble, Ubuntu noble",
            "alpine:3.20, Alpine 3.20",
            "fedora:41, Fedora 41",
            "rockylinux:9-minimal, Rocky Linux 9",
            "amazonlinux:2023, Amazon Linux 2023"})
    void aTagOfOneStableReleaseNamesIt(String reference, String release) {
        assertThat(DistributionReleases.release(ImageReference.parse(reference))).contains(release);
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian:stable-slim", "debian:sid", "debian", "debian:latest", "ubuntu:rolling",
            "alpine:3", "alpine:edge", "fedora:rawhide", "python:3.12-slim", "node:bookworm", "example/debian:bookworm"})
    void tagsThatJumpReleasesOrOtherImagesNameNone(String reference) {
        assertThat(DistributionReleases.release(ImageReference.parse(reference))).isEmpty();
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"python:3.12-slim-bookworm", "node:20-alpine3.20", "eclipse-temurin:21-jre-jammy",
            "golang:1.23-trixie"})
    void aLanguageImageTagCanNameItsRelease(String reference) {
        assertThat(DistributionReleases.namedInTag(ImageReference.parse(reference))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"python:3.12-slim", "node:20-alpine", "golang:1.23", "php:8.3-apache", "alpine"})
    void aTagThatCanMoveToTheNextReleaseNamesNone(String reference) {
        assertThat(DistributionReleases.namedInTag(ImageReference.parse(reference))).isFalse();
    }

    @Test
    void unpinnedBaseImageSeverityFollowsHowFarTheTagMoves() throws IOException {
        assertThat(severity("FROM debian:bookworm-slim\nCMD [\"bash\"]\n")).isEqualTo(Severity.LOW);
        assertThat(severity("FROM debian:stable-slim\nCMD [\"bash\"]\n")).isEqualTo(Severity.MEDIUM);
        assertThat(severity("FROM python:3.12-slim\nCMD [\"python\"]\n")).isEqualTo(Severity.LOW);
        assertThat(severity("FROM python:latest\nCMD [\"python\"]\n")).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void unpinnedBaseImageIsHighWhenTheBuildCompilesAgainstAReleaseTheTagDoesNotName() throws IOException {
        String compile = "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\n";
        assertThat(severity("FROM python:3.12-slim\n" + compile + "CMD [\"python\"]\n")).isEqualTo(Severity.HIGH);
        assertThat(severity("FROM python:3.12-slim-bookworm\n" + compile + "CMD [\"python\"]\n"))
                .isEqualTo(Severity.LOW);
        assertThat(severity("FROM debian:bookworm-slim\n" + compile + "CMD [\"bash\"]\n")).isEqualTo(Severity.LOW);
    }

    private Severity severity(String dockerfile) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return Reviewer.standard().review(new ProjectLoader().load(dir)).findings().stream()
                .filter(f -> f.ruleId().equals("unpinned-base-image")).map(Finding::severity).findFirst().orElseThrow();
    }
}
