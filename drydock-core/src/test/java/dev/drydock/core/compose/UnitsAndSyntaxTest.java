package dev.drydock.core.compose;

import dev.drydock.core.golang.GoDuration;
import dev.drydock.core.golang.GoUnits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsAndSyntaxTest {

    @ParameterizedTest
    @CsvSource({"100,100", "1k,1024", "2G,2147483648", "512m,536870912", "1gb,1073741824", "1.5g,1610612736",
        "1GiB,1073741824", "10 MB,10485760", "4b,4", "1t,1099511627776"})
    void byteSizes(String text, long bytes) {
        assertThat(GoUnits.ramInBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"2 gigs", "'', ", "g", "1.2.3m", "-1m", "1x"})
    void invalidByteSizes(String text) {
        assertThatThrownBy(() -> GoUnits.ramInBytes(text == null ? "" : text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1m30s,90000000000", "10s,10000000000", "300ms,300000000", "1.5h,5400000000000", "0,0", "2us,2000",
        "1h2m3s4ms,3723004000000", "-5s,-5000000000", "10µs,10000"})
    void durations(String text, long nanos) {
        assertThat(GoDuration.parse(text).toNanos()).isEqualTo(nanos);
    }

    @ParameterizedTest
    @CsvSource({"10", "1d", "abc", "1m30", "''", "s"})
    void invalidDurations(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text).toNanos()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shellWords() {
        assertThat(ShellWords.split("  a  b\tc ").words()).containsExactly("a", "b", "c");
        assertThat(ShellWords.split("echo \"a b\" 'c d' e\\ f").words()).containsExactly("echo", "a b", "c d", "e f");
        assertThat(ShellWords.split("echo '' \"\"").words()).containsExactly("echo", "", "");
        assertThat(ShellWords.split("echo 'a\\b' \"a\\\"b\"").words()).containsExactly("echo", "a\\b", "a\"b");
        assertThat(ShellWords.split("echo \\t\\n").words()).containsExactly("echo", "\t\n");
        assertThat(ShellWords.split("echo $HOME ${X}").words()).containsExactly("echo", "$HOME", "${X}");
        assertThat(ShellWords.split("echo $(date) `id`").words()).containsExactly("echo", "$(date)", "`id`");
        ShellWords.Result r = ShellWords.split("a b; c");
        assertThat(r.words()).containsExactly("a", "b");
        assertThat(r.stoppedAt()).isEqualTo(3);
        assertThat(ShellWords.split("a 2>/dev/null").words()).containsExactly("a");
        assertThat(ShellWords.split("a 'b;c' \"d|e\"").words()).containsExactly("a", "b;c", "d|e");
        assertThat(ShellWords.split("").words()).isEmpty();
        for (String bad : List.of("a 'b", "a \"b", "a \\", "a (b)", "a )")) {
            assertThatThrownBy(() -> ShellWords.split(bad)).as(bad).hasMessage("invalid command line string");
        }
    }

    @Test
    void portSpecs() {
        PortSpec p = PortSpec.parseShort("127.0.0.1:8000-8001:80-81/udp");
        assertThat(p).isEqualTo(new PortSpec("127.0.0.1", "8000-8001", 8000, 8001, 80, 81, "udp"));
        assertThat(PortSpec.parseShort("8000-8010:80")).isEqualTo(new PortSpec(null, "8000-8010", 8000, 8010, 80, 80, "tcp"));
        assertThat(PortSpec.parseShort("[::1]:80:80").hostIp()).isEqualTo("::1");
        assertThat(PortSpec.parseShort("::1:80:80").hostIp()).isEqualTo("::1");
        assertThat(PortSpec.parseShort(":80:80").hostIp()).isNull();
        assertThat(PortSpec.parseShort("0.0.0.0::80").published()).isNull();
        for (String bad : List.of("80:80/xyz", "a:80", "70000", "1.2.3:80:80", "80-70", "1-3:1-2", "")) {
            assertThatThrownBy(() -> PortSpec.parseShort(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void volumeSpecs() {
        assertThat(VolumeSpec.parseShort("/data")).isEqualTo(new VolumeSpec("volume", null, "/data", false, List.of()));
        assertThat(VolumeSpec.parseShort("db:/data:ro,nocopy"))
                .isEqualTo(new VolumeSpec("volume", "db", "/data", true, List.of("ro", "nocopy")));
        assertThat(VolumeSpec.parseShort("./src:/src:z").type()).isEqualTo("bind");
        assertThat(VolumeSpec.parseShort("~/x:/x").type()).isEqualTo("bind");
        assertThat(VolumeSpec.parseShort("c:\\data:/data").source()).isEqualTo("c:\\data");
        assertThat(VolumeSpec.parseShort("\\\\.\\pipe\\docker:/pipe").type()).isEqualTo("bind");
        assertThat(VolumeSpec.parseShort("/a").target()).isEqualTo("/a");
        assertThatThrownBy(() -> VolumeSpec.parseShort("/a::b")).hasMessageContaining("empty section between colons");
        assertThatThrownBy(() -> VolumeSpec.parseShort("/a:/b:ro:x")).hasMessageContaining("too many colons");
        assertThatThrownBy(() -> VolumeSpec.parseShort("")).hasMessage("invalid empty volume spec");
    }
}
