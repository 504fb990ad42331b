package dev.drydock.core.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 */
final class Expectations {

    private static final Pattern MARKER = Pattern.compile("^\\s*#\\s*(expect|expect-strength|expect-in-file):\\s*(.+)$");
    private static final Pattern TEXT_MARKER = Pattern.compile("^\\s*#\\s*expect-(text|severity):\\s*([a-z0-9-]+):\\s*(.+)$");

    private Expectations() {}

    static List<Expectation> read(Path caseDir) throws IOException {
        List<Expectation> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(caseDir)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = caseDir.relativize(path).toString().replace('\\', '/');
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                if (relative.equals("expect.txt")) {
                    readList(lines, out);
                } else {
                    readMarkers(relative, lines, out);
                }
            }
        }
        return out;
    }

    private static void readMarkers(String file, List<String> lines, List<Expectation> out) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher text = TEXT_MARKER.matcher(lines.get(i));
            if (text.matches()) {
                out.add(new Expectation(text.group(1), text.group(2), file, nextCodeLine(lines, i + 1),
                        file + ":" + (i + 1), text.group(3).strip()));
                continue;
            }
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String kind = m.group(1);
            int target = kind.equals("expect-in-file") ? 0 : nextCodeLine(lines, i + 1);
            for (String rule : m.group(2).split(",")) {
                String[] at = rule.strip().split("@", 2);
                out.add(new Expectation(kind.equals("expect-strength") ? "strength" : "finding", at[0], file,
                        target, at.length > 1 ? Integer.parseInt(at[1]) : 0, file + ":" + (i + 1), null));
            }
        }
    }

    private static int nextCodeLine(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            String t = lines.get(j).strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("an expect marker at the end of a file points at nothing");
    }

    private static void readList(List<String> lines, List<Expectation> out) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 4);
            String where = parts.length > 2 ? parts[2] : "-";
            String file = where.equals("-") ? null : where.replaceFirst(":\\d+$", "");
            int at = where.matches(".*:\\d+$") ? Integer.parseInt(where.substring(where.lastIndexOf(':') + 1)) : 0;
            String text = parts[0].equals("text") && parts.length > 3 ? parts[3].strip() : null;
            out.add(new Expectation(parts[0], parts[1], file, at, "expect.txt:" + (i + 1), text));
        }
    }
}
