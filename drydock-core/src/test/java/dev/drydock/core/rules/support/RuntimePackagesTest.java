package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.rules.support.ImageSystems.OperatingSystem;
import dev.drydock.core.rules.support.PackageCommands.Manager;
import dev.drydock.core.rules.support.RuntimePackages.Keep;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimePackagesTest {

    private static Optional<OperatingSystem> os(String family, String release) {
        return Optional.of(new OperatingSystem(family, release));
    }

    @Test
    void aNameTheSameInEveryReleaseHoldsWhateverTheRelease() {
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libpq-dev", false, Optional.empty()))
                .contains(new Keep.Package("libpq5"));
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libpq-dev", false, os("ubuntu", "noble")))
                .contains(new Keep.Package("libpq5"));
    }

    @Test
    void aNameThatDiffersByReleaseNeedsTheRelease() {
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libicu-dev", false, os("debian", "trixie")))
                .contains(new Keep.Package("libicu76"));
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libicu-dev", false, os("debian", null))).isEmpty();
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libicu-dev", false, Optional.empty())).isEmpty();
        assertThat(RuntimePackages.describe(Manager.APT, "libicu-dev", Optional.empty()))
                .contains("libicu72 (Debian 12) or libicu76 (Debian 13)");
    }

    @Test
    void ubuntuHasNamesOfItsOwn() {
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "default-libmysqlclient-dev", false,
                os("ubuntu", "jammy"))).contains(new Keep.Package("libmysqlclient21"));
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libjpeg62-turbo-dev", false,
                os("ubuntu", "noble"))).isEmpty();
        assertThat(RuntimePackages.releaseNote(Manager.APT, os("ubuntu", null)))
                .isEqualTo(" (package names of Ubuntu 22.04 and 24.04)");
    }

    @Test
    void anOlderReleaseIsWarnedAbout() {
        assertThat(RuntimePackages.releaseNote(Manager.APT, os("debian", "bullseye")))
                .startsWith(" (Debian 12 (bookworm) package names: the base image is Debian bullseye");
    }

    @Test
    void officialPythonImagesHoldTheirOwnLibraries() {
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libssl-dev", true, Optional.empty()))
                .contains(new Keep.Provided());
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APK, "openssl-dev", false, os("alpine", "3.20")))
                .contains(new Keep.Package("libssl3"));
    }

    @Test
    void aReleaseTheTableDoesNotHaveGetsNoFixOnlyAnApproximationInMessages() {
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libpq-dev", false, os("debian", "bullseye")))
                .isEmpty();
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libicu-dev", false, os("ubuntu", "resolute")))
                .isEmpty();
        assertThat(RuntimePackages.describe(Manager.APT, "libicu-dev", os("ubuntu", "resolute"))).contains("libicu74");
        assertThat(RuntimePackages.releaseNote(Manager.APT, os("ubuntu", "resolute")))
                .startsWith(" (Ubuntu 24.04 (noble) package names: the base image is Ubuntu resolute");
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libssl-dev", true, os("debian", "bullseye")))
                .contains(new Keep.Provided());
    }

    @Test
    void anAlpineOlderThanTheTableGetsNoFix() {
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APK, "openssl-dev", false, os("alpine", "3.16")))
                .isEmpty();
        assertThat(RuntimePackages.releaseNote(Manager.APK, os("alpine", "3.16")))
                .startsWith(" (Alpine 3.18 and later package names: the base image is Alpine 3.16");
        assertThat(RuntimePackages.releaseNote(Manager.APK, os("alpine", "3.21"))).isEmpty();
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APK, "icu-dev", false, Optional.empty()))
                .contains(new Keep.Package("icu-libs"));
    }

    @Test
    void trixieAndNobleHaveTheTime64Names() {
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libssl-dev", false, os("debian", "trixie")))
                .contains(new Keep.Package("libssl3t64"));
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libpng-dev", false, os("ubuntu", "noble")))
                .contains(new Keep.Package("libpng16-16t64"));
        assertThat(RuntimePackages.forDevelopmentPackage(Manager.APT, "libldap2-dev", false, os("ubuntu", "jammy")))
                .contains(new Keep.Package("libldap-2.5-0"));
    }
}
