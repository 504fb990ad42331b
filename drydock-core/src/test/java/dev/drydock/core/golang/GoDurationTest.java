package dev.drydock.core.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoDurations() {
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("-0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(GoDuration.parse("-2s")).isEqualTo(Duration.ofSeconds(-2));
        assertThat(GoDuration.parse("+3us")).isEqualTo(Duration.ofNanos(3000));
        assertThat(GoDuration.parse("7\u00b5s")).isEqualTo(Duration.ofNanos(7000));
        assertThat(GoDuration.parse("1h2m3s4ms5us6ns")).isEqualTo(Duration.ofNanos(3_723_004_005_006L));
        assertThat(GoDuration.parse("0.1ns")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("2562047h47m16.854775807s")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void rejectsWhatGoRejects() {
        assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> GoDuration.parse("5")).hasMessage("time: missing unit in duration \"5\"");
        assertThatThrownBy(() -> GoDuration.parse("1d")).hasMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThatThrownBy(() -> GoDuration.parse(".s")).hasMessage("time: invalid duration \".s\"");
        assertThatThrownBy(() -> GoDuration.parse("1s ")).hasMessage("time: unknown unit \"s \" in duration \"1s \"");
        assertThatThrownBy(() -> GoDuration.parse("s")).hasMessage("time: invalid duration \"s\"");
        assertThatThrownBy(() -> GoDuration.parse("9223372036854775808ns"))
                .hasMessage("time: invalid duration \"9223372036854775808ns\"");
        assertThatThrownBy(() -> GoDuration.parse("3000000h")).hasMessage("time: invalid duration \"3000000h\"");
    }
}
