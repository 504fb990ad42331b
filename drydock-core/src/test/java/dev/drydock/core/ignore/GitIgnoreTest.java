package dev.drydock.core.ignore;

import static org.assertj.core.api.Assertions.assertThat;

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

class GitIgnoreTest {

    static GitIgnore ignore(String... lines) {
        return GitIgnore.parse(SourceFile.of(".gitignore", String.join("\n", lines) + "\n"));
    }

    /**
     * Patterns (separated by " | "), a file path, and whether git ignores the file. Each row was
     * checked against git 2.39 ({@code git status --ignored -uall} in a scratch repository).
     * Cells are separated by a tab so that patterns may hold spaces.
     */
    private static final String TABLE = """
            # unanchored names match at any depth, a slash anchors
            .env\t.env\tignored
            .env\tconfig/.env\tignored
            /.env\tconfig/.env\tkept
            /.env\t.env\tignored
            *.db\tsrc/data/app.db\tignored
            *.pyc\ta/b/c.pyc\tignored
            src/data/*.db\tsrc/data/app.db\tignored
            src/data/*.db\tsrc/data/sub/app.db\tkept
            doc/*.txt\tdoc/notes.txt\tignored
            doc/*.txt\tdoc/server/arch.txt\tkept
            doc/*.txt\tx/doc/notes.txt\tkept
            a/b\ta/b\tignored
            a/b\tx/a/b\tkept
            */x\ta/x\tignored
            */x\ta/b/x\tkept
            # a trailing slash: directories only
            logs/\tlogs/app.log\tignored
            logs/\tsrc/logs/app.log\tignored
            logs/\tlogs\tkept
            foo/\tfoo\tkept
            src/uploads/\tsrc/uploads/a.png\tignored
            src/uploads/\tx/src/uploads/a.png\tkept
            __pycache__/\tsrc/unify/__pycache__/x.pyc\tignored
            # ** forms
            **/foo\tfoo\tignored
            **/foo\ta/b/foo\tignored
            **/foo/bar\ta/foo/bar\tignored
            **/foo/bar\tfoo/bar\tignored
            abc/**\tabc/x\tignored
            abc/**\tabc/x/y\tignored
            a/**/b\ta/b\tignored
            a/**/b\ta/x/b\tignored
            a/**/b\ta/x/y/b\tignored
            a/**/**/b\ta/b\tignored
            a/**/**/b\ta/x/y/b\tignored
            **/**/x\tx\tignored
            a/**b\ta/x/b\tkept
            a/**b\ta/xb\tignored
            a/**b\ta/b\tignored
            **foo\ta/xfoo\tignored
            foo**\tfoobar\tignored
            foo**/bar\tfoox/bar\tignored
            **\ta/b\tignored
            **/\ta/b\tignored
            *\ta/b/c\tignored
            # negation cannot re-include inside an ignored directory
            *|!b\ta/b\tignored
            dir/|!dir/keep\tdir/keep\tignored
            dir/*|!dir/keep\tdir/keep\tkept
            dir/*|!dir/keep\tdir/other\tignored
            !foo|foo\tfoo\tignored
            foo|!foo\tfoo\tkept
            foo|!foo/bar\tfoo/bar\tignored
            # wildcards, classes and escapes
            a?c\tabc\tignored
            a?c\ta/c\tkept
            [a-c]x\tbx\tignored
            [!a-c]x\tdx\tignored
            [!a-c]x\tax\tkept
            [^a-c]x\tdx\tignored
            []]x\t]x\tignored
            []a]x\tax\tignored
            [a-]x\t-x\tignored
            [a-]x\tax\tignored
            a[/]b\ta/b\tkept
            [[:digit:]]x\t7x\tignored
            [[:digit:]x\t7x\tkept
            [[:bogus:]]x\tbx\tkept
            [abc\t[abc\tkept
            \\#x\t#x\tignored
            \\!x\t!x\tignored
            a\\*b\ta*b\tignored
            a\\*b\taxb\tkept
            foo\\\tfoo\\\tkept
            *.TXT\ta.txt\tkept
            # spaces: leading ones count, trailing ones go unless escaped
            x\\ \tx \tignored
            x  \tx\tignored
             x\t x\tignored
            # byte-wise matching of UTF-8
            é?\téa\tignored
            ?\té\tkept
            ??\té\tignored
            [é]\té\tkept
            """;

    @TestFactory
    Stream<DynamicTest> patternTable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String row : TABLE.split("\n", -1)) {
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String[] cols = row.split("\t");
            String[] patterns = cols[0].split("\\|");
            String path = cols[1];
            boolean ignored = switch (cols[2]) {
                case "ignored" -> true;
                case "kept" -> false;
                default -> throw new IllegalArgumentException(row);
            };
            tests.add(DynamicTest.dynamicTest(cols[0] + " @ " + path, () -> {
                GitIgnore ignore = ignore(patterns);
                assertThat(ignore.isIgnored(path, false)).as("%s ignores %s", cols[0], path).isEqualTo(ignored);
            }));
        }
        return tests.stream();
    }

    @Test
    void readsLinesLikeGit() {
        GitIgnore ignore = GitIgnore.parse(SourceFile.of(".gitignore", "\uFEFF# c\r\n.env\r\n\n!keep/\n  \n/build/\n"));
        assertThat(ignore.patterns()).extracting(GitIgnorePattern::pattern).containsExactly(".env", "keep", "build");
        GitIgnorePattern keep = ignore.patterns().get(1);
        assertThat(keep.negated()).isTrue();
        assertThat(keep.directoryOnly()).isTrue();
        assertThat(keep.anchored()).isFalse();
        assertThat(keep.line()).isEqualTo(4);
        assertThat(ignore.patterns().get(2).anchored()).isTrue();
        assertThat(ignore.isIgnored("build", true)).isTrue();
        assertThat(ignore.isIgnored("build", false)).isFalse();
        assertThat(ignore.isIgnored("x/build", true)).isFalse();
    }

    @Test
    void nestedFilesApplyBeneathTheirDirectory() {
        GitIgnore ignore = GitIgnore.parse(SourceFile.of("src/.gitignore", "*.db\n/data/\n"));
        assertThat(ignore.baseDir()).isEqualTo("src");
        assertThat(ignore.isIgnored("src/x/a.db", false)).isTrue();
        assertThat(ignore.isIgnored("a.db", false)).isFalse();
        assertThat(ignore.isIgnored("src/data/a", false)).isTrue();
        assertThat(ignore.isIgnored("src/x/data/a", false)).isFalse();
        assertThat(ignore.patterns().get(1).samplePath()).contains("src/data");
    }

    @Test
    void decidingPatternIncludesIgnoredParents() {
        GitIgnore ignore = ignore("logs/", "!logs/keep.txt", "*.log", "!important.log");
        assertThat(ignore.matchingPattern("logs/keep.txt", false)).get().extracting(GitIgnorePattern::line).isEqualTo(1);
        assertThat(ignore.matchingPattern("a/important.log", false)).get()
                .satisfies(p -> assertThat(p.negated()).isTrue());
        assertThat(ignore.isIgnored("a/important.log", false)).isFalse();
        assertThat(ignore.matchingPattern("app.py", false)).isEmpty();
    }

    @Test
    void samplePathsForComparingWithDocker() throws IOException {
        var path = SharedData.resolve("examples/unify/.gitignore");
        GitIgnore git = GitIgnore.parse(SourceFile.of(".gitignore", Files.readString(path)));
        assertThat(git.patterns()).map(p -> p.samplePath().orElse("?"))
                .containsExactly("__pycache__", "sample.pyc", "venv", ".venv", ".env", "src/data/sample.db",
                        "src/uploads", "logs");
        DockerIgnore docker = DockerIgnore.parse(SourceFile.of(".dockerignore",
                Files.readString(SharedData.resolve("examples/unify/.dockerignore"))));
        List<String> leaking = git.patterns().stream().filter(p -> !p.negated())
                .map(p -> p.samplePath().orElseThrow()).filter(docker::includes).toList();
        assertThat(leaking).containsExactly(".env", "src/data/sample.db", "src/uploads", "logs");
        assertThat(ignore("[ab]x").patterns().get(0).samplePath()).isEmpty();
        assertThat(ignore("**/*.key").patterns().get(0).samplePath()).contains("sample.key");
    }

    @Test
    @Timeout(30) // a backtracking matcher would need about 2^40 steps here: the guard is against a hang, not a speed
    void manyDoubleStarsDoNotBacktrack() {
        String pattern = String.join("/", java.util.Collections.nCopies(40, "**")) + "/x*y";
        String path = String.join("/", java.util.Collections.nCopies(60, "a")) + "/xaaaaaaaaaaaaaaaaaaaaaaaaz";
        GitIgnore ignore = ignore(pattern, "*a*a*a*a*a*a*a*a*a*a*a*a*b");
        for (int i = 0; i < 20; i++) {
            assertThat(ignore.isIgnored(path, false)).isFalse();
        }
        assertThat(ignore.isIgnored(path.replace("z", "y"), false)).isTrue();
    }
}
