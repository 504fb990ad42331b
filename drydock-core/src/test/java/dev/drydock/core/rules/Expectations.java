package dev.drydock.core.rules;

import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Rules;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the expectations written inside a rule fixture:
 * <ul>
 *   <li>{@code # expect: rule-a, rule-b} on its own line: findings covering the next line that is
 *       neither blank nor a comment; {@code rule-a@12}: a finding that starts at column 12 of that line;</li>
 *   <li>{@code # expect-strength: rule}: the same for strengths;</li>
 *   <li>{@code # expect-in-file: rule}: a finding anywhere in this file (something missing);</li>
 *   <li>{@code # expect-text: rule: words}: a finding or strength of the rule that covers the next code
 *       line says these words (in its message or recommendation); it adds no finding of its own;</li>
 *   <li>{@code # expect-severity: rule: high}: a finding of the rule that covers the next code line has that
 *       severity; it adds no finding of its own either;</li>
 *   <li>in {@code expect.txt} (for files that cannot hold comments, and project-wide findings):
 *       lines {@code finding|strength RULE FILE[:LINE]}, FILE {@code -} for "anywhere", and
 *       {@code text RULE FILE[:LINE] words...}.</li>
 * </ul>
 * A comment that starts like a marker but does not parse, or names no rule drydock has, is refused
 * ({@link MalformedExpectations}): a marker the reader skipped would make the fixture check less than
 * it says.
 */
final class Expectations {

    /** A comment that starts like a marker: {@code # expect...} (any case), or {@code // expect...}. */
    private static final Pattern MARKER_LIKE = Pattern.compile(
            "^\\s*(#|//)\\s*(expect(?:-[a-z-]*)?)(?![a-z])\\s*(:?)(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> FINDING_KINDS = Set.of("expect", "expect-strength", "expect-in-file");
    private static final Set<String> TEXT_KINDS = Set.of("expect-text", "expect-severity");
    private static final Pattern RULE_AT = Pattern.compile("([A-Za-z0-9-]+)(?:@([1-9][0-9]*))?");
    private static final Pattern RULE_AND_WORDS = Pattern.compile("([A-Za-z0-9-]+):\\s*(\\S.*)");
    private static final Pattern LIST_WHERE = Pattern.compile("-|([^:\\s]+)(?::([1-9][0-9]*))?");
    private static final Set<String> LIST_KINDS = Set.of("finding", "strength", "text");

    private Expectations() {}

    static List<Expectation> read(Path caseDir) throws IOException {
        List<Expectation> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(caseDir)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = caseDir.relativize(path).toString().replace('\\', '/');
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                if (relative.equals("expect.txt")) {
                    readList(lines, out, problems);
                } else {
                    readMarkers(relative, lines, out, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedExpectations(caseDir, problems);
        }
        return out;
    }

    private static void readMarkers(String file, List<String> lines, List<Expectation> out, List<String> problems) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER_LIKE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String problem = readMarker(file, lines, i, m, out);
            if (problem != null) {
                problems.add(where + ": " + problem + ": " + lines.get(i).strip());
            }
        }
    }

    /** Adds the expectations of the marker on line {@code i}; the reason it cannot, if it cannot. */
    private static String readMarker(String file, List<String> lines, int i, Matcher m, List<Expectation> out) {
        String kind = m.group(2);
        String body = m.group(4).strip();
        if (!FINDING_KINDS.contains(kind) && !TEXT_KINDS.contains(kind)) {
            return FINDING_KINDS.contains(kind.toLowerCase(Locale.ROOT)) || TEXT_KINDS.contains(kind.toLowerCase(Locale.ROOT))
                    ? "marker kinds are written in lower case"
                    : "unknown marker kind " + kind + " (known: expect, expect-strength, expect-in-file, expect-text, expect-severity)";
        }
        if (!m.group(1).equals("#")) {
            return "markers are read only in # comments; for a file without them, write the expectation in expect.txt";
        }
        if (m.group(3).isEmpty()) {
            return "no colon after " + kind;
        }
        String source = file + ":" + (i + 1);
        int target = kind.equals("expect-in-file") ? 0 : nextCodeLine(lines, i + 1);
        if (target < 0) {
            return kind + " points at nothing: no code line follows it";
        }
        if (TEXT_KINDS.contains(kind)) {
            return readTextMarker(kind, body, file, target, source, out);
        }
        List<Expectation> found = new ArrayList<>();
        for (String item : body.split(",", -1)) {
            Matcher at = RULE_AT.matcher(item.strip());
            if (!at.matches()) {
                return "`" + item.strip() + "` is not a rule id (write `rule-id` or `rule-id@column`, separated by commas)";
            }
            String unknown = unknownRule(at.group(1));
            if (unknown != null) {
                return unknown;
            }
            if (at.group(2) != null && kind.equals("expect-in-file")) {
                return "expect-in-file takes no column: it points at no line";
            }
            found.add(new Expectation(kind.equals("expect-strength") ? "strength" : "finding", at.group(1), file,
                    target, at.group(2) == null ? 0 : Integer.parseInt(at.group(2)), source, null));
        }
        out.addAll(found);
        return null;
    }

    private static String readTextMarker(String kind, String body, String file, int target, String source,
            List<Expectation> out) {
        Matcher m = RULE_AND_WORDS.matcher(body);
        if (!m.matches()) {
            String first = body.split(" ", 2)[0];
            return kind + " needs `rule-id: " + (kind.equals("expect-text") ? "words" : "severity") + "`"
                    + (isKnownRule(first) ? " (a colon is missing after " + first + ")" : " (no rule id before a colon)");
        }
        String unknown = unknownRule(m.group(1));
        if (unknown != null) {
            return unknown;
        }
        String value = m.group(2).strip();
        if (kind.equals("expect-severity") && Arrays.stream(Severity.values()).noneMatch(s -> s.id().equals(value))) {
            return "`" + value + "` is not a severity (known: " + Arrays.stream(Severity.values()).map(Severity::id)
                    .collect(Collectors.joining(", ")) + ")";
        }
        out.add(new Expectation(kind.substring("expect-".length()), m.group(1), file, target, source, value));
        return null;
    }

    /** The 1-based number of the first line from {@code from} that is neither blank nor a comment; -1 if none. */
    private static int nextCodeLine(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            String t = lines.get(j).strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return j + 1;
            }
        }
        return -1;
    }

    private static void readList(List<String> lines, List<Expectation> out, List<String> problems) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String source = "expect.txt:" + (i + 1);
            String problem = readListLine(line, source, out);
            if (problem != null) {
                problems.add(source + ": " + problem + ": " + line);
            }
        }
    }

    private static String readListLine(String line, String source, List<Expectation> out) {
        String[] parts = line.split("\\s+", 4);
        String kind = parts[0];
        if (!LIST_KINDS.contains(kind)) {
            return "unknown kind " + kind + " (known: finding, strength, text)";
        }
        if (parts.length < 2) {
            return kind + " names no rule";
        }
        String unknown = unknownRule(parts[1]);
        if (unknown != null) {
            return unknown;
        }
        if (kind.equals("text") && parts.length < 4) {
            return "text needs `text RULE FILE[:LINE] words`";
        }
        if (!kind.equals("text") && parts.length > 3) {
            return kind + " takes `" + kind + " RULE [FILE[:LINE]]` and nothing after it";
        }
        String where = parts.length > 2 ? parts[2] : "-";
        Matcher w = LIST_WHERE.matcher(where);
        if (!w.matches()) {
            return "`" + where + "` is not FILE, FILE:LINE or -";
        }
        String file = where.equals("-") ? null : w.group(1);
        int at = w.group(2) == null ? 0 : Integer.parseInt(w.group(2));
        out.add(new Expectation(kind, parts[1], file, at, source, kind.equals("text") ? parts[3].strip() : null));
        return null;
    }

    /** Why {@code id} names no finding drydock reports; null when some rule reports it. */
    private static String unknownRule(String id) {
        if (isKnownRule(id)) {
            return null;
        }
        Optional<Rule> byAlias = Rules.find(id);
        return byAlias.isPresent()
                ? id + " is an alias: markers name the id findings carry, " + byAlias.get().id()
                : "unknown rule id " + id;
    }

    private static boolean isKnownRule(String id) {
        return Rules.all().stream().anyMatch(rule -> rule.reports(id));
    }

    /** The markers of a fixture that could not be read, each with its file:line and the reason. */
    static final class MalformedExpectations extends AssertionError {

        private final List<String> problems;

        MalformedExpectations(Path caseDir, List<String> problems) {
            super(caseDir + ": markers that do not parse (fix them, or the fixture checks less than it says):\n  "
                    + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
