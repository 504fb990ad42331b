package dev.drydock.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathNamesTest {

    @Test
    void normalizesRelativePathsAndRefusesEscapes() {
        assertThat(PathNames.normalizeRelative("./a//b/./c/")).isEqualTo("a/b/c");
        assertThat(PathNames.normalizeRelative("a/../b")).isEqualTo("b");
        assertThat(PathNames.normalizeRelative(".")).isEmpty();
        assertThat(PathNames.normalizeRelative("a/../..")).isNull();
        assertThat(PathNames.normalizeRelative("/etc")).isNull();
        assertThat(PathNames.normalizeRelative("C:\\x")).isNull();
    }

    @Test
    void normalizesAbsolutePathsAgainstABase() {
        assertThat(PathNames.normalizeAbsolute("/app", "src/../main.py")).isEqualTo("/app/main.py");
        assertThat(PathNames.normalizeAbsolute("/app", ".")).isEqualTo("/app");
        assertThat(PathNames.normalizeAbsolute(null, "x")).isEqualTo("/x");
        assertThat(PathNames.normalizeAbsolute("/app", "/srv/")).isEqualTo("/srv");
        assertThat(PathNames.normalizeAbsolute("/", "../../x")).isEqualTo("/x");
    }

    @Test
    void containment() {
        assertThat(PathNames.isUnder("a/b", "a")).isTrue();
        assertThat(PathNames.isUnder("a", "a")).isTrue();
        assertThat(PathNames.isUnder("ab", "a")).isFalse();
        assertThat(PathNames.isUnder("/app/x", "/")).isTrue();
        assertThat(PathNames.isUnder("x", "")).isTrue();
        assertThat(PathNames.parent("a/b")).isEqualTo("a");
        assertThat(PathNames.parent("b")).isEmpty();
        assertThat(PathNames.parent("/b")).isEqualTo("/");
        assertThat(PathNames.fileName("a/b")).isEqualTo("b");
        assertThat(PathNames.join("", "x")).isEqualTo("x");
        assertThat(PathNames.join("a", "x")).isEqualTo("a/x");
    }
}
