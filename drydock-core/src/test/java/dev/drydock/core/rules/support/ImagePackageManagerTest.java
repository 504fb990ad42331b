package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImagePackageManagerTest {

    private static Optional<ImagePackageManager> of(String image) {
        return ImagePackageManager.of(new BaseImage.External(image, image, ImageReference.parse(image), null));
    }

    private static String manager(String image) {
        return of(image).map(ImagePackageManager::manager).orElse("unknown");
    }

    @Test
    void knownDistributionsInstallWithTheirOwnManager() {
        assertThat(manager("python:3.12-slim")).isEqualTo("apt-get");
        assertThat(manager("node:20-alpine")).isEqualTo("apk");
        assertThat(manager("fedora:41")).isEqualTo("dnf");
        assertThat(manager("rockylinux:9-minimal")).isEqualTo("microdnf");
        assertThat(manager("almalinux:9")).isEqualTo("dnf");
        assertThat(manager("amazonlinux:2")).isEqualTo("yum");
        assertThat(manager("amazonlinux:2023")).isEqualTo("dnf");
        assertThat(manager("amazonlinux:latest")).isEqualTo("rpm");
        assertThat(manager("amazoncorretto:21")).isEqualTo("yum");
        assertThat(manager("amazoncorretto:21-al2023")).isEqualTo("dnf");
        assertThat(manager("amazoncorretto:21-alpine")).isEqualTo("apk");
        assertThat(manager("registry.access.redhat.com/ubi9/ubi-minimal:9.5")).isEqualTo("microdnf");
        assertThat(manager("registry.access.redhat.com/ubi9/ubi:9.5")).isEqualTo("dnf");
        assertThat(manager("registry.access.redhat.com/ubi9:9.5")).isEqualTo("dnf");
        assertThat(of("busybox:1.37")).hasValueSatisfying(image -> {
            assertThat(image.manager()).isNull();
            assertThat(image.shell()).isTrue();
        });
    }

    @Test
    void imagesDrydockDoesNotKnowAreNotClaimed() {
        for (String image : new String[] {"ghcr.io/example/base:1", "opensuse/leap:15.6", "photon:5.0",
                "almalinux/9-micro:9.5", "redis:7", "registry.access.redhat.com/ubi9/ubi-micro:9.5"}) {
            assertThat(of(image)).as(image).isEmpty();
        }
    }

    @Test
    void lacksOnlyOtherFamiliesAndKnownMissingOnes() {
        ImagePackageManager alpine = of("alpine:3.21").orElseThrow();
        assertThat(alpine.lacks("apt-get")).isTrue();
        assertThat(alpine.lacks("dnf")).isTrue();
        assertThat(alpine.lacks("apk")).isFalse();
        assertThat(alpine.lacks("curl")).isFalse();
        ImagePackageManager dnf = of("fedora:41").orElseThrow();
        assertThat(dnf.lacks("yum")).isFalse();
        assertThat(dnf.lacks("microdnf")).isFalse();
        assertThat(dnf.lacks("apt-get")).isTrue();
        ImagePackageManager minimal = of("registry.access.redhat.com/ubi9/ubi-minimal:9.5").orElseThrow();
        assertThat(minimal.lacks("dnf")).isTrue();
        assertThat(minimal.lacks("yum")).isTrue();
        assertThat(minimal.lacks("microdnf")).isFalse();
        ImagePackageManager al2 = of("amazonlinux:2").orElseThrow();
        assertThat(al2.lacks("dnf")).isTrue();
        assertThat(al2.lacks("yum")).isFalse();
        assertThat(of("busybox:1.37").orElseThrow().lacks("apk")).isTrue();
    }
}
