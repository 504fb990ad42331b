package dev.drydock.core.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.RandomInputs;
import org.junit.jupiter.api.Test;

class IgnorePropertiesTest {

    /** An ignore file's text and a path to match against it. */
    record Case(String text, String path) {}

    static String ignoreText(RandomInputs in) {
        return in.string("ab*?[]^!-\\/. #\r\n\t:é", 0, 60);
    }

    static String path(RandomInputs in) {
        return in.string("ab*?[]!-\\/. #é", 0, 20);
    }

    static Case ignoreCase(RandomInputs in) {
        return new Case(ignoreText(in), path(in));
    }

    @Test
    void dockerIgnoreNeverThrows() {
        RandomInputs.forEachSample(".dockerignore noise", 2000, IgnorePropertiesTest::ignoreCase, c -> {
            DockerIgnore ignore = DockerIgnore.parse(SourceFile.of(".dockerignore", c.text()));
            boolean excluded = ignore.matches(c.path());
            assertThat(ignore.matchingPattern(c.path()).map(p -> !p.exception()).orElse(false)).isEqualTo(excluded);
            ignore.excludesEntireDirectory(c.path());
            ignore.patterns().forEach(p -> assertThat(p.line()).isPositive());
        });
    }

    @Test
    void gitIgnoreNeverThrows() {
        RandomInputs.forEachSample(".gitignore noise", 2000, IgnorePropertiesTest::ignoreCase, c -> {
            GitIgnore ignore = GitIgnore.parse(SourceFile.of("sub/.gitignore", c.text()));
            ignore.isIgnored(c.path(), true);
            ignore.isIgnored("sub/" + c.path(), false);
            ignore.patterns().forEach(GitIgnorePattern::samplePath);
        });
    }

    @Test
    void anExceptionForAPathAfterItsExclusionIncludesIt() {
        RandomInputs.forEachSample("exception after exclusion", 500, IgnorePropertiesTest::name, name -> {
            DockerIgnore ignore = DockerIgnore.parse(SourceFile.of(".dockerignore", "**\n!" + name + "\n"));
            assertThat(ignore.includes(name)).isTrue();
            assertThat(ignore.includes(name + "/inner")).isTrue();
        });
    }

    /** A file name of 1 to 8 characters, not {@code .} or {@code ..}. */
    static String name(RandomInputs in) {
        String name;
        do {
            name = in.string("abc.-_", 1, 8);
        } while (name.equals(".") || name.equals(".."));
        return name;
    }

    @Test
    void cleanIsIdempotent() {
        RandomInputs.forEachSample("GoPath.clean", 500, IgnorePropertiesTest::path, path -> {
            String once = GoPath.clean(path);
            assertThat(GoPath.clean(once)).isEqualTo(once);
            assertThat(once).doesNotContain("//");
        });
    }
}
