package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
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
 * The project's reusable GitHub workflows ({@code on: workflow_call}) and the jobs of its other workflows that call
 * them ({@code uses: ./.github/workflows/build.yml} with {@code with:} inputs), so that {@code ${{ inputs.NAME }}}
 * in a called workflow reads as the value each caller passes: the literal {@code with:} value, else the input's
 * {@code default}, a caller's {@code ${{ matrix.KEY }}} read once a combination of its literal matrix. Another
 * caller's value that is an expression stays unknown. A workflow that no workflow of the project calls runs with its
 * defaults; a manually run one ({@code workflow_dispatch}) with the defaults of its inputs, which
 * {@code ${{ github.event.inputs.NAME }}} also reads.
 */
final class WorkflowCalls {

    static final WorkflowCalls NONE = new WorkflowCalls(Map.of());

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\{\\s*(?:github\\.event\\.)?inputs(?:\\.([A-Za-z_][\\w-]*)"
            + "|\\[\\s*(['\"]?)([^'\"\\]]+)\\2\\s*])\\s*}}");

    private static final String LOCAL = "./";

    /** The {@code with:} of each calling job, by the path of the workflow it calls; null values are expressions. */
    private final Map<String, List<Map<String, String>>> callers;

    private WorkflowCalls(Map<String, List<Map<String, String>>> callers) {
        this.callers = callers;
    }

    /** The calls the workflows make to workflows of the same repository. */
    static WorkflowCalls of(List<SourceFile> workflows) {
        Map<String, List<Map<String, String>>> callers = new LinkedHashMap<>();
        for (SourceFile file : workflows) {
            if (!file.text().contains(LOCAL + ".github/workflows/")) {
                continue;
            }
            WorkflowMatrix matrix = WorkflowMatrix.of(file);
            for (Map.Entry<?, ?> job : PlainYaml.mapping(PlainYaml.mapping(PlainYaml.load(file)).get("jobs")).entrySet()) {
                Map<?, ?> fields = PlainYaml.mapping(job.getValue());
                if (fields.get("uses") instanceof String uses && uses.startsWith(LOCAL)) {
                    String called = PathNames.normalizeRelative(uses.substring(LOCAL.length()));
                    List<Map<String, String>> combinations = matrix.combinations(String.valueOf(job.getKey()));
                    for (Map<String, String> combination : combinations.isEmpty() ? List.of(Map.<String, String>of())
                            : combinations) {
                        Map<String, String> with = new LinkedHashMap<>();
                        PlainYaml.mapping(fields.get("with")).forEach((k, v) -> with.put(String.valueOf(k),
                                scalar(v instanceof String text ? WorkflowMatrix.substitute(text, combination) : v)));
                        callers.computeIfAbsent(called, k -> new ArrayList<>()).add(with);
                    }
                }
            }
        }
        return new WorkflowCalls(callers);
    }

    /**
     * The input values the workflow runs with: one set a calling job, or the defaults alone when none calls it;
     * empty when it declares no inputs. An input whose value cannot be told is absent from a set.
     */
    List<Map<String, String>> inputSets(SourceFile workflow) {
        if (!workflow.text().contains("workflow_call") && !workflow.text().contains("workflow_dispatch")) {
            return List.of();
        }
        Object on = PlainYaml.mapping(PlainYaml.load(workflow)).get("on");
        Map<?, ?> inputs = inputs(on, "workflow_call");
        Map<?, ?> dispatched = inputs(on, "workflow_dispatch");
        List<Map<String, String>> sets = new ArrayList<>();
        if (!dispatched.isEmpty()) {
            sets.add(defaults(dispatched));
        }
        if (inputs.isEmpty()) {
            return sets;
        }
        Map<String, String> defaults = defaults(inputs);
        List<Map<String, String>> calls = callers.getOrDefault(workflow.path(), List.of());
        if (calls.isEmpty()) {
            sets.add(defaults);
            return sets;
        }
        for (Map<String, String> with : calls) {
            Map<String, String> values = new LinkedHashMap<>(defaults);
            with.forEach((name, value) -> {
                if (value == null) {
                    values.remove(name);
                } else {
                    values.put(name, value);
                }
            });
            sets.add(values);
        }
        return sets;
    }

    /** The inputs an event of the workflow's {@code on:} declares. */
    private static Map<?, ?> inputs(Object on, String event) {
        return PlainYaml.mapping(PlainYaml.mapping(PlainYaml.mapping(on).get(event)).get("inputs"));
    }

    /** The inputs' literal {@code default}s, by name. */
    private static Map<String, String> defaults(Map<?, ?> inputs) {
        Map<String, String> defaults = new LinkedHashMap<>();
        inputs.forEach((name, spec) -> {
            String value = scalar(PlainYaml.mapping(spec).get("default"));
            if (value != null) {
                defaults.put(String.valueOf(name), value);
            }
        });
        return defaults;
    }

    /**
     * One substitution of {@code ${{ inputs.NAME }}} a distinct set of the values the lines {@code first} to
     * {@code last} refer to; a single one that changes nothing when they refer to none.
     */
    static List<UnaryOperator<String>> substitutions(List<Map<String, String>> sets, SourceFile file, int first, int last) {
        Set<String> names = new LinkedHashSet<>();
        for (int n = first; n <= last; n++) {
            Matcher reference = REFERENCE.matcher(file.line(n));
            while (reference.find()) {
                names.add(name(reference));
            }
        }
        Set<Map<String, String>> distinct = new LinkedHashSet<>();
        for (Map<String, String> set : names.isEmpty() ? List.<Map<String, String>>of() : sets) {
            Map<String, String> used = new LinkedHashMap<>(set);
            used.keySet().retainAll(names);
            distinct.add(used);
        }
        if (distinct.isEmpty()) {
            return List.of(UnaryOperator.identity());
        }
        return distinct.stream().<UnaryOperator<String>>map(values -> written -> written == null ? null
                : REFERENCE.matcher(written).replaceAll(m -> Matcher.quoteReplacement(
                        values.getOrDefault(name(m), m.group())))).toList();
    }

    private static String name(MatchResult reference) {
        return reference.group(1) != null ? reference.group(1) : reference.group(3);
    }

    /** A literal scalar's text; null for anything else or an expression. */
    private static String scalar(Object value) {
        if (value instanceof String text) {
            return text.contains("${{") ? null : text;
        }
        return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
    }
}
