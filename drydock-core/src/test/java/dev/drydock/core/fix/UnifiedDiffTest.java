package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void showsAChangedFileAsGitDoes() {
        String diff = UnifiedDiff.of(new FileChange("Dockerfile", "FROM a\nRUN b\nCMD c\n", "FROM a\nRUN b\nUSER x\nCMD c\n",
                FileFingerprint.ABSENT));
        assertThat(diff).isEqualTo("""
                --- a/Dockerfile
                +++ b/Dockerfile
                @@ -1,3 +1,4 @@
                 FROM a
                 RUN b
                +USER x
                 CMD c
                """);
    }

    @Test
    void showsACreatedFileFromDevNull() {
        String diff = UnifiedDiff.of(new FileChange(".dockerignore", null, ".env\n.git\n", FileFingerprint.ABSENT));
        assertThat(diff).startsWith("--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,2 @@\n+.env\n+.git\n");
    }

    @Test
    void isEmptyForEqualTexts() {
        assertThat(UnifiedDiff.of(new FileChange("f", "a\n", "a\n", FileFingerprint.ABSENT))).isEmpty();
    }
}
