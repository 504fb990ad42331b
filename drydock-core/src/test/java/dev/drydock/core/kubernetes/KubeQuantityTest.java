package dev.drydock.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubeQuantityTest {

    private static KubeQuantity q(Object value) {
        return KubeQuantity.of(value, null, 0);
    }

    @Test
    void binarySuffixesArePowersOf1024() {
        assertThat(q("512Mi").mib()).isEqualTo(512);
        assertThat(q("2Gi").mib()).isEqualTo(2048);
        assertThat(q("1.5Gi").mib()).isEqualTo(1536);
        assertThat(q("1048576Ki").mib()).isEqualTo(1024);
    }

    @Test
    void decimalSuffixesArePowersOf1000() {
        assertThat(q("1G").mib()).isEqualTo(953);
        assertThat(q("500M").mib()).isEqualTo(476);
        assertThat(q("1e9").mib()).isEqualTo(953);
        assertThat(q("134217728").mib()).isEqualTo(128);
    }

    @Test
    void cpusInMillicoresAndPlainNumbers() {
        assertThat(q("500m").cpus()).isEqualTo(0.5);
        assertThat(q("1500m").cpus()).isEqualTo(1.5);
        assertThat(q(2L).cpus()).isEqualTo(2.0);
        assertThat(q(0.25).cpus()).isEqualTo(0.25);
        assertThat(q("\"1\"".replace("\"", "")).cpus()).isEqualTo(1.0);
        assertThat(q(".5").cpus()).isEqualTo(0.5);
    }

    @Test
    void badQuantitiesAreUnknownNeverAnError() {
        for (Object bad : new Object[] {"512MB", "1gi", "lots", "", "-1Gi", "1 Gi", "Mi", "1e999", "0x10",
                java.util.Map.of("a", 1), null}) {
            KubeQuantity quantity = q(bad);
            assertThat(quantity.known()).as(String.valueOf(bad)).isFalse();
            assertThat(quantity.mib()).isEqualTo(-1);
            assertThat(quantity.cpus()).isNull();
        }
    }

    @Test
    void aHugeQuantityIsReadButHasNoMib() {
        assertThat(q("9Ei").known()).isTrue();
        assertThat(q("99Ei").mib()).isEqualTo(-1);
    }
}
