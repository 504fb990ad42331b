package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Review;
import dev.drydock.core.testing.RandomInputs;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock fix --unsafe} on rule fixture projects damaged line by line (lines deleted, doubled, swapped,
 * cut short or re-indented, quotes, backslashes, {@code ${} and here-document openers inserted, FROM lines
 * removed): no exception and no rule that fails, no file drydock could read made unreadable, and a second fix
 * that changes nothing.
 */
class FixPropertiesTest {

    private static final Path RULE_FIXTURES = Path.of("src/test/resources/rules");
    private static final int SAMPLES = 60;
    private static final List<String> INSERTED = List.of("\"", "'", "\\", "$", "${", "}", "[", "]", ":", "\t", "`",
            "é", "<<EOF", "#", "-", " ", "0", "..", "/", "&&");

    private static List<Path> projects;

    @TempDir
    Path temp;

    @BeforeAll
    static void listFixtures() throws IOException {
        try (Stream<Path> cases = Files.walk(RULE_FIXTURES, 2)) {
            projects = cases.filter(p -> p.getNameCount() == RULE_FIXTURES.getNameCount() + 2 && Files.isDirectory(p))
                    .sorted().toList();
        }
    }

    /** A fixture project with some of its text files damaged: their new texts, by path relative to the project. */
    record Damaged(Path fixture, Map<String, String> texts) {
        @Override
        public String toString() {
            return fixture + " with " + texts.entrySet().stream().map(e -> e.getKey() + ":\n" + e.getValue())
                    .collect(Collectors.joining("\n---\n"));
        }
    }

    static Damaged damaged(RandomInputs in) {
        Path fixture = in.pick(projects);
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String text;
                try {
                    text = Files.readString(file);
                } catch (CharacterCodingException e) {
                    continue;
                }
                texts.put(fixture.relativize(file).toString(), damage(in, text));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Damaged(fixture, texts);
    }

    private static String damage(RandomInputs in, String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (int n = in.between(1, 3); n > 0 && !lines.isEmpty(); n--) {
            int i = in.random().nextInt(lines.size());
            String line = lines.get(i);
            switch (in.random().nextInt(8)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> {
                    lines.subList(i + 1, lines.size()).clear();
                    lines.set(i, line.substring(0, in.between(0, line.length())));
                }
                case 3 -> {
                    int j = in.random().nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 4 -> {
                    int at = in.between(0, line.length());
                    lines.set(i, line.substring(0, at) + in.pick(INSERTED) + line.substring(at));
                }
                case 5 -> lines.removeIf(l -> l.regionMatches(true, 0, "FROM", 0, 4));
                case 6 -> lines.set(i, " ".repeat(in.between(1, 5)) + line);
                default -> { } // this file keeps its text this time
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void fixingDamagedProjectsBreaksNothingAndSettles() {
        int[] index = {0};
        RandomInputs.forEachSample("fix damaged fixtures", SAMPLES, FixPropertiesTest::damaged, damaged -> {
            Path dir = temp.resolve("p" + index[0]++);
            FixFixtureTest.copyTree(damaged.fixture(), dir);
            for (var entry : damaged.texts().entrySet()) {
                Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
            }
            FixResult first = FixEngine.standard().fix(dir, FixOptions.withUnsafe());
            assertThat(ruleFailures(first.before())).as("rules that failed on the damaged project").isEmpty();
            assertThat(ruleFailures(first.after())).as("rules that failed on the fixed project").isEmpty();
            assertThat(first.rounds()).as("rounds (the fixes settle before the limit)")
                    .isLessThan(FixOptions.DEFAULT_ROUNDS);

            new FixWriter(dir).write(first.changes());
            FixResult second = FixEngine.standard().fix(dir, FixOptions.withUnsafe());
            assertThat(unread(second.before())).as("files drydock could not read after the fix")
                    .isSubsetOf(unread(first.before()));
            assertThat(second.changes()).extracting(FileChange::path).as("files a second fix changes").isEmpty();
        });
    }

    private static List<String> ruleFailures(Review review) {
        return review.findings().stream().filter(f -> f.ruleId().equals("rule-failed"))
                .map(f -> f.location() + ": " + f.message()).toList();
    }

    private static Set<String> unread(Review review) {
        return review.findings().stream().filter(f -> f.ruleId().equals("file-not-read"))
                .map(f -> f.location().file()).collect(Collectors.toCollection(TreeSet::new));
    }
}
