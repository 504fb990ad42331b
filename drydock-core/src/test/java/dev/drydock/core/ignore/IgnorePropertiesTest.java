package dev.drydock.core.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IgnorePropertiesTest {

    @Provide
    Arbitrary<String> ignoreText() {
        return Arbitraries.strings().withChars("ab*?[]^!-\\/. #\r\n\t:é").ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("ab*?[]!-\\/. #é").ofMaxLength(20);
    }

    @Property(tries = 2000)
    void dockerIgnoreNeverThrows(@ForAll("ignoreText") String text, @ForAll("paths") String path) {
        DockerIgnore ignore = DockerIgnore.parse(SourceFile.of(".dockerignore", text));
        boolean excluded = ignore.matches(path);
        assertThat(ignore.matchingPattern(path).map(p -> !p.exception()).orElse(false)).isEqualTo(excluded);
        ignore.excludesEntireDirectory(path);
        ignore.patterns().forEach(p -> assertThat(p.line()).isPositive());
    }

    @Property(tries = 2000)
    void gitIgnoreNeverThrows(@ForAll("ignoreText") String text, @ForAll("paths") String path) {
        GitIgnore ignore = GitIgnore.parse(SourceFile.of("sub/.gitignore", text));
        ignore.isIgnored(path, true);
        ignore.isIgnored("sub/" + path, false);
        ignore.patterns().forEach(GitIgnorePattern::samplePath);
    }

    @Property(tries = 500)
    void anExceptionForAPathAfterItsExclusionIncludesIt(@ForAll("names") String name) {
        DockerIgnore ignore = DockerIgnore.parse(SourceFile.of(".dockerignore", "**\n!" + name + "\n"));
        assertThat(ignore.includes(name)).isTrue();
        assertThat(ignore.includes(name + "/inner")).isTrue();
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abc.-_").ofMinLength(1).ofMaxLength(8).filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Property(tries = 500)
    void cleanIsIdempotent(@ForAll("paths") String path) {
        String once = GoPath.clean(path);
        assertThat(GoPath.clean(once)).isEqualTo(once);
        assertThat(once).doesNotContain("//");
    }
}
