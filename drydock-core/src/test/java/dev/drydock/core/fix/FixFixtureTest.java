package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Rules;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input/output pairs for fixes: {@code src/test/resources/fixes/RULE-ID/CASE/before/} is a project,
 * {@code after/} holds exactly the files the fix changes or creates, as they must be. An optional
 * {@code fix.properties} says {@code rules=} (ids, comma-separated, or {@code all}; default the folder's
 * rule) and {@code unsafe=} (default true). Each case is fixed, written into a copy, and fixed again:
 * the second run must change nothing. {@code -Ddrydock.updateGolden=true} rewrites {@code after/}.
 */
class FixFixtureTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixes");
    private static final boolean UPDATE = Boolean.getBoolean("drydock.updateGolden");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicNode> everyFixOnItsFixtures() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path ruleDir : folders(FIXTURES)) {
            String id = ruleDir.getFileName().toString();
            List<DynamicNode> cases = new ArrayList<>();
            for (Path caseDir : folders(ruleDir)) {
                cases.add(DynamicTest.dynamicTest(caseDir.getFileName().toString(), () -> check(id, caseDir)));
            }
            nodes.add(DynamicContainer.dynamicContainer(id, cases));
        }
        return nodes.stream();
    }

    @org.junit.jupiter.api.Test
    void everyRuleThatFixesHasFixturesAndEveryFixtureARule() throws IOException {
        for (var rule : Rules.all()) {
            var safety = rule.metadata().fix();
            if (safety == dev.drydock.core.edit.FixSafety.SAFE || safety == dev.drydock.core.edit.FixSafety.UNSAFE) {
                assertThat(folders(FIXTURES.resolve(rule.id()))).as("fix fixtures of " + rule.id()).isNotEmpty();
            }
        }
        for (Path ruleDir : folders(FIXTURES)) {
            assertThat(Rules.find(ruleDir.getFileName().toString())).as("rule of " + ruleDir).isPresent();
        }
    }

    private void check(String id, Path caseDir) throws Exception {
        FixOptions options = options(id, caseDir);
        Path before = caseDir.resolve("before");
        FixResult result = FixEngine.standard().fix(before, options);
        assertThat(result.problems()).as("fixes refused in " + caseDir).isEmpty();
        Map<String, String> actual = new TreeMap<>();
        result.changes().forEach(c -> actual.put(c.path(), c.fixed()));
        Path afterDir = caseDir.resolve("after");
        if (UPDATE) {
            writeAll(afterDir, actual);
        }
        assertThat(actual).as("files fixed in " + caseDir).isEqualTo(readAll(afterDir));

        Path copy = temp.resolve(caseDir.getParent().getFileName() + "-" + caseDir.getFileName());
        copyTree(before, copy);
        new FixWriter(copy).write(result.changes());
        FixResult again = FixEngine.standard().fix(copy, options);
        assertThat(again.changes()).as("a second fix of " + caseDir + " changes nothing").isEmpty();
    }

    private static FixOptions options(String id, Path caseDir) throws IOException {
        Properties p = new Properties();
        Path file = caseDir.resolve("fix.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
        }
        String rules = p.getProperty("rules", id).strip();
        Set<String> ids = rules.equals("all") ? Set.of() : new LinkedHashSet<>(Arrays.asList(rules.split("\\s*,\\s*")));
        for (String rule : ids) {
            assertThat(Rules.find(rule)).as("rule " + rule + " named in " + file).isPresent();
        }
        boolean unsafe = Boolean.parseBoolean(p.getProperty("unsafe", "true"));
        return new FixOptions(unsafe, ids, FixOptions.DEFAULT_ROUNDS);
    }

    static Map<String, String> readAll(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    static void writeAll(Path dir, Map<String, String> files) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (var entry : files.entrySet()) {
            Path target = dir.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, entry.getValue(), StandardCharsets.UTF_8);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static List<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }
}
