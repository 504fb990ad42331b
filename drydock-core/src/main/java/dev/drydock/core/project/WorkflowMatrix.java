package dev.drydock.core.project;

import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The combinations of a GitHub Actions job's {@code strategy.matrix} when it is written literally: the cartesian
 * product of its lists, less the {@code exclude} entries (a partial match removes a combination), then each
 * {@code include} entry added to every combination whose original values it does not change, or made a combination
 * of its own when it fits none. A matrix given by an expression, a value that is not a scalar, or more combinations
 * than {@link #MAX_COMBINATIONS} is not expanded.
 */
final class WorkflowMatrix {

    static final int MAX_COMBINATIONS = 64;

    /**
     * {@code ${{ matrix.KEY }}}, or the index form {@code ${{ matrix['KEY'] }}} that keys with other characters need
     * (also met without its quotes, once a shell command line has been split into words).
     */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\{\\s*matrix(?:\\.([A-Za-z_][\\w-]*)"
            + "|\\[\\s*(['\"]?)([^'\"\\]]+)\\2\\s*])\\s*}}");

    private static final Pattern STEPS_KEY = Pattern.compile("^( *)steps:\\s*(?:#.*)?$");

    private static final Pattern JOB_KEY = Pattern.compile("^ *[\"']?([\\w-]+)[\"']?:\\s*(?:#.*)?$");

    private final Map<?, ?> jobs;

    private WorkflowMatrix(Map<?, ?> jobs) {
        this.jobs = jobs;
    }

    /** The jobs of a workflow file, read once for all its steps. */
    static WorkflowMatrix of(SourceFile file) {
        if (!file.text().contains("matrix")) {
            return new WorkflowMatrix(Map.of());
        }
        return new WorkflowMatrix(PlainYaml.mapping(PlainYaml.mapping(PlainYaml.load(file)).get("jobs")));
    }

    /**
     * One substitution of {@code ${{ matrix.KEY }}} a distinct combination of the keys the step between
     * {@code first} and {@code last} refers to; a single one that changes nothing when the step refers to none or the
     * job's matrix cannot be expanded.
     */
    List<UnaryOperator<String>> substitutions(SourceFile file, int first, int last) {
        Set<String> keys = new LinkedHashSet<>();
        for (int n = first; n <= last; n++) {
            Matcher reference = REFERENCE.matcher(file.line(n));
            while (reference.find()) {
                keys.add(key(reference));
            }
        }
        List<Map<String, String>> combinations = keys.isEmpty() ? List.of() : combinations(jobAt(file, first));
        Set<Map<String, String>> distinct = new LinkedHashSet<>();
        for (Map<String, String> combination : combinations) {
            Map<String, String> used = new LinkedHashMap<>(combination);
            used.keySet().retainAll(keys);
            distinct.add(used);
        }
        if (distinct.isEmpty()) {
            return List.of(UnaryOperator.identity());
        }
        return distinct.stream().<UnaryOperator<String>>map(values -> written -> substitute(written, values)).toList();
    }

    private static String key(MatchResult reference) {
        return reference.group(1) != null ? reference.group(1) : reference.group(3);
    }

    /** The name of the job whose steps hold the line, or null. */
    static String jobAt(SourceFile file, int line) {
        int stepIndent = SourceFile.spaceIndent(file.line(line));
        for (int n = line - 1; n >= 1; n--) {
            Matcher steps = STEPS_KEY.matcher(file.line(n));
            if (steps.find() && steps.group(1).length() < stepIndent) {
                int jobIndent = steps.group(1).length();
                for (int m = n - 1; m >= 1; m--) {
                    String text = file.line(m);
                    if (text.isBlank() || text.strip().startsWith("#") || SourceFile.spaceIndent(text) >= jobIndent) {
                        continue;
                    }
                    Matcher job = JOB_KEY.matcher(text);
                    return job.find() ? job.group(1) : null;
                }
                return null;
            }
        }
        return null;
    }

    /** A text with the {@code ${{ matrix.KEY }}} of a combination put in; those it has no value for left as written. */
    static String substitute(String written, Map<String, String> values) {
        return written == null ? null : REFERENCE.matcher(written).replaceAll(m -> Matcher.quoteReplacement(
                values.getOrDefault(key(m), m.group())));
    }

    /** The job's literal combinations; empty when it has no matrix or one that cannot be expanded. */
    List<Map<String, String>> combinations(String job) {
        if (job == null) {
            return List.of();
        }
        Object matrix = PlainYaml.mapping(PlainYaml.mapping(jobs.get(job)).get("strategy")).get("matrix");
        if (!(matrix instanceof Map<?, ?> entries)) {
            return List.of();
        }
        Map<String, List<String>> dimensions = new LinkedHashMap<>();
        long size = 1;
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals("include") || key.equals("exclude")) {
                continue;
            }
            if (!(entry.getValue() instanceof List<?> list) || list.isEmpty()) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (Object value : list) {
                String scalar = scalar(value);
                if (scalar == null) {
                    return List.of();
                }
                values.add(scalar);
            }
            dimensions.put(key, values);
            size *= values.size();
            if (size > MAX_COMBINATIONS) {
                return List.of();
            }
        }
        List<Map<String, String>> exclude = maps(entries.get("exclude"));
        List<Map<String, String>> include = maps(entries.get("include"));
        if (exclude == null || include == null) {
            return List.of();
        }
        List<Map<String, String>> combinations = new ArrayList<>();
        if (!dimensions.isEmpty()) {
            combinations.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<String>> dimension : dimensions.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : combinations) {
                    for (String value : dimension.getValue()) {
                        Map<String, String> combination = new LinkedHashMap<>(partial);
                        combination.put(dimension.getKey(), value);
                        next.add(combination);
                    }
                }
                combinations = next;
            }
        }
        combinations.removeIf(c -> exclude.stream().anyMatch(e -> c.entrySet().containsAll(e.entrySet())));
        List<Map<String, String>> added = new ArrayList<>();
        for (Map<String, String> entry : include) {
            boolean fitted = false;
            for (Map<String, String> combination : combinations) {
                if (entry.entrySet().stream().noneMatch(e -> dimensions.containsKey(e.getKey())
                        && !e.getValue().equals(combination.get(e.getKey())))) {
                    combination.putAll(entry);
                    fitted = true;
                }
            }
            if (!fitted) {
                added.add(new LinkedHashMap<>(entry));
            }
        }
        combinations.addAll(added);
        return combinations.size() > MAX_COMBINATIONS ? List.of() : combinations;
    }

    /** The literal maps of an include or exclude list: empty when there is none, null when one is not literal. */
    private static List<Map<String, String>> maps(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            return null;
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String scalar = scalar(entry.getValue());
                if (scalar == null) {
                    return null;
                }
                values.put(String.valueOf(entry.getKey()), scalar);
            }
            out.add(values);
        }
        return out;
    }

    /** A literal scalar's text; null for a list, a map, a null or an expression. */
    private static String scalar(Object value) {
        if (value instanceof String text) {
            return text.contains("${{") ? null : text;
        }
        return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
    }
}
