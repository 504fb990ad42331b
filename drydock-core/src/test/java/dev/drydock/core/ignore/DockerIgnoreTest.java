package dev.drydock.core.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

class DockerIgnoreTest {

    static DockerIgnore ignore(String... lines) {
        return DockerIgnore.parse(SourceFile.of(".dockerignore", String.join("\n", lines) + "\n"));
    }

    /**
     * Patterns (separated by " | "), a path, and whether Docker leaves the path out of the context
     * ("out") or sends it ("in"). The first group restates the examples of Docker's documentation;
     * the rest follow moby's patternmatcher (parent directories, the four kinds of pattern, classes).
     */
    private static final String TABLE = """
            # documented examples: * and ? stay within one path element, the root is both / and .
            */temp*                          somedir/temporary.txt          out
            */temp*                          somedir/temp                   out
            */temp*                          temp                           in
            */temp*                          a/b/temporary.txt              in
            */*/temp*                        somedir/subdir/temporary.txt   out
            */*/temp*                        somedir/temporary.txt          in
            temp?                            tempa                          out
            temp?                            tempb                          out
            temp?                            temp                           in
            temp?                            tempab                         in
            temp?                            dir/tempa                      in
            /foo/bar                         foo/bar                        out
            foo/bar                          foo/bar                        out
            foo/bar                          foo/bar/deep/file              out
            foo/bar                          x/foo/bar                      in
            foo/bar                          bar                            in
            **/*.go                          main.go                        out
            **/*.go                          cmd/tool/main.go               out
            **/*.go                          main.gox                       in
            # documented exceptions: the last matching line decides
            *.md | !README.md                README.md                      in
            *.md | !README.md                CHANGES.md                     out
            *.md | !README.md                docs/guide.md                  in
            *.md | !README*.md | README-secret.md    README-secret.md       out
            *.md | !README*.md | README-secret.md    README-other.md        in
            *.md | README-secret.md | !README*.md    README-secret.md       in
            * | !src | !requirements.txt     src/app.py                     in
            * | !src | !requirements.txt     requirements.txt               in
            * | !src | !requirements.txt     .env                           out
            # unlike git, a name without a slash only matches at the root
            .env                             .env                           out
            .env                             config/.env                    in
            **/.env                          config/.env                    out
            **/.env                          .env                           out
            *.pyc                            src/app/mod.pyc                in
            __pycache__/                     __pycache__/mod.pyc            out
            __pycache__/                     src/__pycache__/mod.pyc        in
            # a directory pattern covers everything beneath it
            node_modules                     node_modules/a/b/index.js      out
            docs/                            docs/guide/intro.md            out
            a*                               ab/c                           out
            .*                               .git/config                    out
            .*                               .foo                           out
            .*                               foo                            in
            # exceptions re-include inside an excluded directory
            docs | !docs/README.md           docs/README.md                 in
            docs | !docs/README.md           docs/other.md                  out
            docs/* | !docs/README.md         docs/README.md                 in
            !docs/README.md | docs           docs/README.md                 out
            ** | !util/docker/web            util/docker/web/foo            in
            ** | !util/docker/web | util/docker/web/foo    util/docker/web/foo    out
            # cleaning like filepath.Clean
            ./foo                            foo                            out
            foo/../bar                       bar                            out
            foo//bar/                        foo/bar                        out
            .                                anything                       in
            # ** forms: prefix, suffix and regular expression
            **                               file                           out
            **                               dir/file                       out
            dir/**                           dir                            in
            dir/**                           dir/file                       out
            dir/**                           dir/dir2/file                  out
            **/dir                           dir                            out
            **/dir                           a/dir/file                     out
            **/dir2/*                        dir/dir2/file                  out
            **/dir2/**                       dir/dir2/dir3/file             out
            **file                           dir/dir/file                   out
            **.txt                           a/b.txt                        out
            **foo                            barfoo                         out
            **/file*.txt                     dir/dir/file.txt               out
            **/**/*.txt                      file.txt                       out
            **/**/*.txt2                     dir/dir/file.txt               in
            a**/*.txt                        a/file.txt                     out
            a**/*.txt                        a/dir/dir/file.txt             out
            a/*.txt                          a/dir/file.txt                 in
            a/*.txt**                        a/file.txt                     out
            # classes, escapes and characters that regular expressions would treat specially
            a[b-d]e                          ace                            out
            a[b-d]e                          aae                            in
            a[b-d]e                          ae                             in
            a[^b-d]e                         aze                            out
            a[^b-d]e                         a/e                            out
            a[!b]e                           a!e                            out
            a[!b]e                           aze                            in
            [\\]a]                           ]                              out
            a\\*b                            a*b                            out
            a\\*b                            axb                            in
            abc.def                          abc.def                        out
            abc.def                          abcZdef                        in
            abc?def                          abcZdef                        out
            abc?def                          abcdef                         in
            a?b                              a/b                            in
            a(b)c/def                        a(b)c/def                      out
            a.|)$(}+{bc                      a.|)$(}+{bc                    out
            dist/*.whl                       dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl    out
            """;

    @TestFactory
    Stream<DynamicTest> patternTable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String row : TABLE.split("\n")) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] cols = row.trim().split("\\s{2,}");
            String[] patterns = cols[0].split(" \\| ");
            String path = cols[1];
            boolean out = switch (cols[2]) {
                case "out" -> true;
                case "in" -> false;
                default -> throw new IllegalArgumentException(row);
            };
            tests.add(DynamicTest.dynamicTest(cols[0] + " @ " + path, () -> {
                DockerIgnore ignore = ignore(patterns);
                assertThat(ignore.diagnostics()).isEmpty();
                assertThat(ignore.matches(path)).as("%s excludes %s", cols[0], path).isEqualTo(out);
                assertThat(ignore.includes(path)).isEqualTo(!out);
            }));
        }
        return tests.stream();
    }

    @Test
    void readsLinesLikeDocker() {
        String text = "\uFEFFtest1\r\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n  # indented is a pattern\n"
                + "! /inverted/abs/path\n\t spaced \t\n";
        DockerIgnore ignore = DockerIgnore.parse(SourceFile.of(".dockerignore", text));
        assertThat(ignore.patterns()).extracting(p -> (p.exception() ? "!" : "") + p.pattern())
                .containsExactly("test1", "test2", "a/file/here", "lastfile", "# indented is a pattern",
                        "!inverted/abs/path", "spaced");
        assertThat(ignore.patterns()).extracting(DockerIgnorePattern::line).containsExactly(1, 2, 3, 5, 7, 8, 9);
        DockerIgnorePattern spaced = ignore.patterns().get(6);
        assertThat(spaced.text()).isEqualTo("spaced");
        assertThat(spaced.span().startColumn()).isEqualTo(3);
        assertThat(ignore.diagnostics()).isEmpty();
    }

    @Test
    void refusedPatternsAreErrorsWithTheirLine() {
        DockerIgnore ignore = ignore("ok", "!", "[", "a[z-a]", "foo\\", "[]a]", "[-]", "[a-b-c]", "! ", "!/");
        assertThat(ignore.patterns()).extracting(DockerIgnorePattern::pattern).containsExactly("ok");
        assertThat(ignore.diagnostics()).hasSize(9).allMatch(d -> d.level() == Diagnostic.Level.ERROR);
        assertThat(ignore.diagnostics()).extracting(Diagnostic::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(ignore.refusedByDocker()).isTrue();
        assertThat(ignore.matches("ok")).isTrue();
    }

    @Test
    void surprisingPatternsAreWarnings() {
        DockerIgnore ignore = ignore("[*]", "\\q");
        assertThat(ignore.diagnostics()).hasSize(2).allMatch(d -> d.level() == Diagnostic.Level.WARNING);
        assertThat(ignore.refusedByDocker()).isFalse();
    }

    @Test
    void matchingPatternNamesTheDecidingLine() {
        DockerIgnore ignore = ignore("# secrets", "*.md", "!README*.md", "README-secret.md", "logs");
        assertThat(ignore.matchingPattern("README-secret.md")).get()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.exception()).isFalse();
                });
        assertThat(ignore.matchingPattern("README.md")).get().extracting(DockerIgnorePattern::line).isEqualTo(3);
        assertThat(ignore.matchingPattern("logs/today/app.log")).get().extracting(DockerIgnorePattern::line).isEqualTo(5);
        assertThat(ignore.matchingPattern("app.py")).isEmpty();
    }

    @Test
    void pathsAreCleanedAndTheRootIsNeverExcluded() {
        DockerIgnore ignore = ignore("**", ".env");
        assertThat(ignore.matches("./.env")).isTrue();
        assertThat(ignore.matches("/.env")).isTrue();
        assertThat(ignore.matches(".")).isFalse();
        assertThat(ignore.matches("")).isFalse();
        assertThat(DockerIgnore.empty().matches(".env")).isFalse();
    }

    @Test
    void wholeDirectoryExclusion() {
        assertThat(ignore("logs").excludesEntireDirectory("logs")).isTrue();
        assertThat(ignore("logs/").excludesEntireDirectory("logs")).isTrue();
        assertThat(ignore("logs", "!logs/keep").excludesEntireDirectory("logs")).isFalse();
        assertThat(ignore("logs", "!**/keep").excludesEntireDirectory("logs")).isFalse();
        assertThat(ignore("logs", "!logs/*.txt").excludesEntireDirectory("logs")).isFalse();
        assertThat(ignore("logs", "!other").excludesEntireDirectory("logs")).isTrue();
        assertThat(ignore("!logs/keep", "logs").excludesEntireDirectory("logs")).isTrue();
        assertThat(ignore("logs/*").excludesEntireDirectory("logs")).isFalse(); // the directory itself is sent
        assertThat(ignore("**", "!src").excludesEntireDirectory("node_modules")).isTrue();
        assertThat(ignore("**", "!src").excludesEntireDirectory("src")).isFalse();
        assertThat(ignore("*", "!src/app").excludesEntireDirectory("src")).isFalse();
        assertThat(ignore("src/uploads").excludesEntireDirectory("src")).isFalse();
        assertThat(ignore("src").excludesEntireDirectory(".")).isFalse();
    }

    @Test
    void theUnifyExampleLetsSecretsAndDataIntoTheContext() throws IOException {
        var path = SharedData.resolve("examples/unify/.dockerignore");
        DockerIgnore ignore = DockerIgnore.parse(SourceFile.of(".dockerignore", Files.readString(path)));
        assertThat(ignore.diagnostics()).isEmpty();
        assertThat(ignore.includes(".env")).isTrue();
        assertThat(ignore.includes("src/data/unify.db")).isTrue();
        assertThat(ignore.includes("logs/app.log")).isTrue();
        assertThat(ignore.includes("src/uploads/notes/a.pdf")).isTrue();
        // root-only patterns: nested caches still go in
        assertThat(ignore.includes("src/unify/__pycache__/db.cpython-311.pyc")).isTrue();
        assertThat(ignore.matches(".git/HEAD")).isTrue();
        assertThat(ignore.matches("venv/bin/python")).isTrue();
        assertThat(ignore.excludesEntireDirectory(".venv")).isTrue();
        assertThat(ignore.matchingPattern(".git/HEAD")).get().extracting(DockerIgnorePattern::line).isEqualTo(4);
    }

    @Test
    @Timeout(30) // a backtracking matcher would need about 2^40 steps here: the guard is against a hang, not a speed
    void manyDoubleStarsDoNotBacktrack() {
        String pattern = String.join("/", java.util.Collections.nCopies(40, "**")) + "/x*y";
        String path = String.join("/", java.util.Collections.nCopies(60, "a")) + "/xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaz";
        DockerIgnore ignore = ignore(pattern, "a**a**a**a**a**a**a**a**a**a**b", "*a*a*a*a*a*a*a*a*a*a*a*a*b");
        for (int i = 0; i < 20; i++) {
            assertThat(ignore.matches(path)).isFalse();
        }
        assertThat(ignore.matches(path.replace("z", "y"))).isTrue();
    }
}
