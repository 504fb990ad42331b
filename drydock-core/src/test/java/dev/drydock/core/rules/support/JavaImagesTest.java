package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.image.ImageReference;
import org.junit.jupiter.api.Test;

class JavaImagesTest {

    @Test
    void alpineVendorImagesHaveBusyBox() {
        for (String image : new String[] {"azul/zulu-openjdk-alpine:17-jre", "azul/zulu-openjdk:21-jre-alpine",
                "bellsoft/liberica-openjdk-alpine:21", "bellsoft/liberica-openjre-alpine-musl:17",
                "adoptopenjdk/openjdk11:alpine-jre", "adoptopenjdk/openjdk11-openj9:jdk-11.0.1.13-alpine-slim"}) {
            assertThat(JavaImages.alpineVendorTools(ImageReference.parse(image))).as(image)
                    .hasValueSatisfying(tools -> assertThat(tools.busyBox()).isTrue());
        }
    }

    @Test
    void otherVendorTagsAreNotClaimed() {
        for (String image : new String[] {"azul/zulu-openjdk:17-jre", "adoptopenjdk/openjdk11:jre-11.0.11_9",
                "bellsoft/liberica-openjdk-debian:21", "eclipse-temurin:21-jre-alpine"}) {
            assertThat(JavaImages.alpineVendorTools(ImageReference.parse(image))).as(image).isEmpty();
        }
    }
}
