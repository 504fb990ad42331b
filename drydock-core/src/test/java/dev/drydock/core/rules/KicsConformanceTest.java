package dev.drydock.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Rules;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * drydock against the KICS test fixtures ({@code conformance/kics/}) of every concept it implements.
 * {@code src/test/resources/kics/SCOPE/QUERY-FOLDER.properties} names the rule for the query
 * ({@code rule=...}); the rule must then report a finding at every expected line of the positive files
 * and nothing on the negative files. A finding counts for an expected line when it starts on that line or
 * inside the Dockerfile instruction, or the YAML block, that starts there: KICS points at an
 * instruction's first line, drydock at the exact word.
 *
 * <p>A deliberate disagreement is written in the same file, with its reason:
 * {@code disagree.FILE=reason} (the whole file) or {@code disagree.FILE@LINE=reason} (one expected line
 * of a positive file, or one line where the rule fires in a negative file).
 */
class KicsConformanceTest {

    static final Path CONCEPTS = Path.of("src/test/resources/kics");
    static final Path KICS = SharedData.resolve("conformance/kics");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> everyImplementedQuery() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (String scope : List.of("dockerfile", "compose")) {
            for (Path concept : list(CONCEPTS.resolve(scope), ".properties")) {
                String query = concept.getFileName().toString().replace(".properties", "");
                nodes.add(DynamicContainer.dynamicContainer(scope + "/" + query,
                        tests(scope, KICS.resolve(scope).resolve(query), load(concept))));
            }
        }
        return nodes.stream();
    }

    private static List<DynamicNode> tests(String scope, Path dir, Properties concept) throws IOException {
        Rule rule = Rules.find(concept.getProperty("rule", ""))
                .orElseThrow(() -> new AssertionError("no rule " + concept.getProperty("rule") + " for " + dir));
        assertThat(dir).as("KICS query folder").isDirectory();
        String extension = scope.equals("dockerfile") ? ".dockerfile" : ".yaml";
        JsonNode expected = JSON.readTree(dir.resolve("positive_expected_result.json").toFile());
        List<Path> positives = list(dir, extension).stream().filter(p -> name(p).startsWith("positive")).toList();
        List<DynamicNode> tests = new ArrayList<>();
        for (JsonNode result : expected) {
            String file = result.has("fileName") ? result.get("fileName").asText()
                    : result.has("filename") ? result.get("filename").asText() : null;
            int line = result.get("line").asInt();
            String where = (file == null ? "any positive" : file) + ":" + line;
            if (disagreed(concept, file, line)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest("fires at " + where, () -> {
                List<String> seen = new ArrayList<>();
                boolean met = false;
                for (Path positive : positives) {
                    if (file != null && !name(positive).equals(file)) {
                        continue;
                    }
                    for (Finding f : findings(rule, scope, positive)) {
                        seen.add(name(positive) + ":" + f.location().line());
                        met |= covers(scope, positive, line, f.location().line());
                    }
                }
                assertThat(met).as(rule.id() + " at " + where + "; it reported at " + seen).isTrue();
            }));
        }
        for (Path negative : list(dir, extension)) {
            if (!name(negative).startsWith("negative") || disagreed(concept, name(negative), 0)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest("quiet on " + name(negative), () -> {
                List<String> unexpected = findings(rule, scope, negative).stream()
                        .filter(f -> !disagreed(concept, name(negative), f.location().line()))
                        .map(f -> f.location() + ": " + f.message()).toList();
                assertThat(unexpected).as(rule.id() + " on " + negative).isEmpty();
            }));
        }
        return tests;
    }

    private static List<Finding> findings(Rule rule, String scope, Path file) {
        FileType type = scope.equals("dockerfile") ? FileType.DOCKERFILE : FileType.COMPOSE_VARIANT;
        Project project = new ProjectLoader().load(file.getParent(), List.of(ExplicitFile.as(file, type)));
        return new Reviewer(List.of(rule)).review(project).findings().stream()
                .filter(f -> f.ruleId().equals(rule.id())
                        && (f.location().file() == null || f.location().file().equals(name(file))))
                .toList();
    }

    /** Whether a finding on {@code actual} answers KICS's result at {@code expected}. */
    private static boolean covers(String scope, Path file, int expected, int actual) throws IOException {
        if (actual == expected) {
            return true;
        }
        if (scope.equals("dockerfile")) {
            Project project = new ProjectLoader().load(file.getParent(),
                    List.of(ExplicitFile.as(file, FileType.DOCKERFILE)));
            for (DockerfileSource source : project.dockerfiles().values()) {
                if (source.syntax() == null) {
                    continue;
                }
                for (Instruction instruction : source.syntax().instructions()) {
                    if (instruction.span().startLine() == expected) {
                        return actual <= instruction.span().endLine() && actual >= expected;
                    }
                }
            }
            return false;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (expected < 1 || expected > lines.size() || actual < expected) {
            return false;
        }
        int indent = indent(lines.get(expected - 1));
        for (int i = expected; i < actual; i++) {
            String text = lines.get(i);
            if (!text.isBlank() && !text.strip().startsWith("#") && indent(text) <= indent) {
                return false;
            }
        }
        return true;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    /** Whether a disagreement is recorded; an expected result that names no file matches any positive file's. */
    private static boolean disagreed(Properties concept, String file, int line) {
        if (file == null) {
            return concept.stringPropertyNames().stream()
                    .anyMatch(k -> k.startsWith("disagree.positive") && k.endsWith("@" + line));
        }
        return (concept.containsKey("disagree." + file)
                || line > 0 && concept.containsKey("disagree." + file + "@" + line));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Path> list(Path dir, String extension) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> name(p).endsWith(extension)).sorted().toList();
        }
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
