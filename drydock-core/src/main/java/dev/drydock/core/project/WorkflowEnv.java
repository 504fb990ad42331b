package dev.drydock.core.project;

import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code env} a GitHub Actions step runs with: the workflow's, the job's over it, the step's over both (the most
 * specific wins). A variable set to a literal is put in where a step refers to it: {@code ${{ env.NAME }}} in any of
 * the step's values (the runner substitutes it before the step runs), and {@code $NAME} or {@code ${NAME}} in a
 * {@code run} script, whose shell finds it in its environment. A variable set by an expression (a matrix value, a
 * secret, a step's output) at any level hides the levels below it and stays as written; so does one the workflow
 * assigns anywhere else ({@code NAME=...} in a script or written to {@code $GITHUB_ENV}), whose value at the step
 * cannot be told.
 */
final class WorkflowEnv {

    static final WorkflowEnv NONE = new WorkflowEnv(Map.of(), Map.of(), "");

    private static final Pattern CONTEXT = Pattern.compile("\\$\\{\\{\\s*env\\.([A-Za-z_][\\w-]*)\\s*}}");

    private static final Pattern SHELL = Pattern.compile("\\$\\{([A-Za-z_]\\w*)}|\\$([A-Za-z_]\\w*)");

    private static final Pattern ENV_KEY = Pattern.compile("^( *)(?:- +)?env:\\s*(?:#.*)?$");

    private static final Pattern ENV_EXPRESSION = Pattern.compile("^ *(?:- +)?env:\\s*\\$\\{\\{");

    private static final Pattern ENTRY = Pattern.compile("^( *)[\"']?([A-Za-z_][\\w-]*)[\"']?:(?:\\s+(.*))?$");

    /** The workflow's own {@code env}, null values for those set by an expression. */
    private final Map<String, String> workflow;
    private final Map<?, ?> jobs;
    private final String text;

    private WorkflowEnv(Map<String, String> workflow, Map<?, ?> jobs, String text) {
        this.workflow = workflow;
        this.jobs = jobs;
        this.text = text;
    }

    /** The workflow or composite action's variables, read once for all its steps. */
    static WorkflowEnv of(SourceFile file) {
        if (!file.text().contains("env")) {
            return NONE;
        }
        Map<?, ?> root = PlainYaml.mapping(PlainYaml.load(file));
        return new WorkflowEnv(literals(root.get("env")), PlainYaml.mapping(root.get("jobs")), file.text());
    }

    /**
     * The substitution of the variables the step between lines {@code first} and {@code last} runs with;
     * {@code shell} for a command of its {@code run} script, which also reads {@code $NAME}.
     */
    UnaryOperator<String> substitution(SourceFile file, int first, int last, boolean shell) {
        if (this == NONE) {
            return UnaryOperator.identity();
        }
        if (workflow == null) {
            return UnaryOperator.identity();
        }
        Map<String, String> values = new LinkedHashMap<>(workflow);
        String job = WorkflowMatrix.jobAt(file, first);
        if (job != null) {
            Map<String, String> own = literals(PlainYaml.mapping(jobs.get(job)).get("env"));
            if (own == null) {
                return UnaryOperator.identity();
            }
            values.putAll(own);
        }
        Map<String, String> step = stepEnv(file, first, last);
        if (step == null) {
            return UnaryOperator.identity();
        }
        values.putAll(step);
        values.replaceAll((name, value) -> value == null || assignedElsewhere(name) ? null : value);
        values.values().removeIf(v -> v == null);
        if (values.isEmpty()) {
            return UnaryOperator.identity();
        }
        return written -> written == null ? null : substitute(written, values, shell);
    }

    private static String substitute(String written, Map<String, String> values, boolean shell) {
        if (!written.contains("$")) {
            return written;
        }
        // the runner puts the expressions in before the shell reads the script and its $NAME
        String out = replace(CONTEXT.matcher(written), values, m -> m.group(1));
        return shell ? replace(SHELL.matcher(out), values, m -> m.group(1) != null ? m.group(1) : m.group(2)) : out;
    }

    private static String replace(Matcher matcher, Map<String, String> values, Function<MatchResult, String> name) {
        return matcher.replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(name.apply(m), m.group())));
    }

    /** Whether the workflow assigns the variable in a script or through {@code $GITHUB_ENV}. */
    private boolean assignedElsewhere(String name) {
        return Pattern.compile("(?<![\\w$.-])" + Pattern.quote(name) + "=").matcher(text).find();
    }

    /**
     * The {@code env} mapping of the step between lines {@code first} and {@code last}, written at the step's level;
     * null when it is an expression as a whole.
     */
    private static Map<String, String> stepEnv(SourceFile file, int first, int last) {
        Map<String, String> out = new LinkedHashMap<>();
        int keyIndent = keyIndent(file.line(first));
        for (int n = first; n <= last; n++) {
            if (ENV_EXPRESSION.matcher(file.line(n)).find()) {
                return null;
            }
            Matcher key = ENV_KEY.matcher(file.line(n));
            int own = n == first ? keyIndent : SourceFile.spaceIndent(file.line(n));
            if (!key.find() || own != keyIndent) {
                continue;
            }
            int entryIndent = -1;
            for (int m = n + 1; m <= last; m++) {
                String line = file.line(m);
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                int indent = SourceFile.spaceIndent(line);
                if (indent <= keyIndent) {
                    break;
                }
                entryIndent = entryIndent < 0 ? indent : entryIndent;
                Matcher entry = ENTRY.matcher(line);
                if (indent == entryIndent && entry.find()) {
                    String value = entry.group(3) == null ? "" : DeclaredBuilds.scalar(entry.group(3));
                    boolean literal = !value.contains("${{") && !value.startsWith("|") && !value.startsWith(">")
                            && !value.startsWith("{") && !value.startsWith("[") && !value.isEmpty();
                    out.put(entry.group(2), literal ? value : null);
                }
            }
        }
        return out;
    }

    /** Where the keys of a sequence item start: past its dash and the blanks after it. */
    private static int keyIndent(String line) {
        int i = SourceFile.spaceIndent(line);
        if (i < line.length() && line.charAt(i) == '-') {
            i++;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
        }
        return i;
    }

    /**
     * A mapping's literal scalars by name, null for those given by an expression or not a scalar; null for an
     * {@code env} that is an expression as a whole ({@code env: ${{ fromJSON(...) }}}), which may set any name.
     */
    private static Map<String, String> literals(Object env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof String) {
            return null;
        }
        PlainYaml.mapping(env).forEach((name, value) -> out.put(String.valueOf(name),
                value instanceof String s && !s.contains("${{") || value instanceof Number || value instanceof Boolean
                        ? String.valueOf(value) : null));
        return out;
    }
}
