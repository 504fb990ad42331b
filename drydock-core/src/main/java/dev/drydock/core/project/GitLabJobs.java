package dev.drydock.core.project;

import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs of a project's GitLab pipeline (its GitLab CI files together, an including file's keys over those of the
 * files it includes) as GitLab runs them, so that a command written once serves every job that runs it: a job's
 * {@code extends} (a name or a list, later ones over earlier ones, templates extending others) merged under its own
 * keys, mappings merged key by key and anything else replaced; YAML merge keys ({@code <<: *template}) and aliases
 * ({@code script: *build}); and {@code !reference [.job, script]} items. A job runs a command when its
 * {@code before_script}, {@code script} or {@code after_script} holds the very list or line the command is written in.
 * Hidden jobs ({@code .name}) run nothing. A job with {@code parallel: matrix:} runs once per combination of its
 * matrix's values. Each run of a command reads with the job's {@code variables} (over the
 * pipeline's, as the job's {@code inherit} allows) put in, and its script starts where the {@code cd} items of the job's
 * {@code before_script} (or the default one) moved to.
 */
final class GitLabJobs {

    static final GitLabJobs NONE = new GitLabJobs(Map.of(), Map.of());

    /** One job that runs a command: the job's name, its variables put in, and the folder its script starts in. */
    record Run(String job, UnaryOperator<String> expand, String folder) {}

    private static final Set<String> KEYWORDS = Set.of("default", "include", "stages", "variables", "workflow", "image",
            "services", "cache", "before_script", "after_script", "types", "spec");

    private static final List<String> SCRIPTS = List.of("before_script", "script", "after_script");

    /** GitLab nests {@code extends} 11 levels deep at most; references and nested lists as deep. */
    private static final int MAX_DEPTH = 11;

    private static final Pattern KEY = Pattern.compile(
            "^( *)(- +)?(\"[^\"]*\"|'[^']*'|[^\\s\"'#\\-][^:#]*?|-[^\\s:#][^:#]*?) *:(?:\\s|$)");

    /** A reference, {@code ${NAME}} or {@code $NAME}, or {@code $$} (neither group). */
    private static final Pattern VARIABLE_OR_ESCAPE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_]\\w*)}|\\$([A-Za-z_]\\w*)");

    /** The document root of each file, by path. */
    private final Map<String, Map<?, ?>> roots;
    /** The top-level keys of the whole pipeline. */
    private final Map<Object, Object> pipeline;
    /** Each job's keys once its {@code extends} are merged, worked out on first use. */
    private final Map<String, Map<?, ?>> effective = new java.util.HashMap<>();

    private GitLabJobs(Map<String, Map<?, ?>> roots, Map<Object, Object> pipeline) {
        this.roots = roots;
        this.pipeline = pipeline;
    }

    /** The pipeline of the GitLab CI files, the file GitLab reads first, then the files it includes. */
    static GitLabJobs of(List<SourceFile> files) {
        Map<String, Map<?, ?>> roots = new LinkedHashMap<>();
        Map<Object, Object> pipeline = new LinkedHashMap<>();
        for (SourceFile file : files.reversed()) {
            Map<?, ?> root = PlainYaml.mapping(PlainYaml.load(file));
            roots.put(file.path(), root);
            pipeline = deepMerge(pipeline, root);
        }
        return new GitLabJobs(roots, pipeline);
    }

    /** Whether the file is one of the pipeline's. */
    boolean holds(SourceFile file) {
        return roots.containsKey(file.path());
    }

    /**
     * The jobs that run the command written at {@code offset}: null when that cannot be told (the file is not YAML
     * the pipeline could read, the command sits under a pipeline keyword, or under a job that does not run it), and
     * may then be read as written.
     */
    List<Run> runs(SourceFile file, int offset, String cwd) {
        Map<?, ?> root = roots.get(file.path());
        if (root == null || root.isEmpty()) {
            return null;
        }
        List<String> path = keyPath(file, file.position(offset).line());
        if (path == null || path.size() < 2 || KEYWORDS.contains(path.get(0))) {
            return null;
        }
        Object node = root;
        for (String key : path) {
            node = PlainYaml.merged(node).get(key);
        }
        if (node == null) {
            return null;
        }
        List<Run> out = new ArrayList<>();
        for (Object name : pipeline.keySet()) {
            String job = String.valueOf(name);
            if (job.startsWith(".") || KEYWORDS.contains(job) || !(pipeline.get(name) instanceof Map<?, ?>)) {
                continue;
            }
            Map<?, ?> effective = effective(job, 0);
            for (String key : SCRIPTS) {
                Object scripts = scripts(effective, key);
                if (contains(scripts, node, 0)) {
                    String folder = key.equals("script") ? YamlScripts.folderAfterCdItems(
                            flatten(scripts(effective, "before_script")), cwd) : cwd;
                    for (Map<String, String> combination : matrix(effective)) {
                        Set<String> raw = new java.util.HashSet<>();
                        Map<String, String> values = variables(effective, raw);
                        values.putAll(combination);
                        raw.removeAll(combination.keySet());
                        out.add(new Run(job, expansion(resolved(values, raw)), folder));
                    }
                    break;
                }
            }
        }
        return out.isEmpty() && !path.get(0).startsWith(".") ? null : out;
    }

    /**
     * The keys from the top of the document down to the value written at {@code line}; null when a sequence item that
     * is a mapping lies on the way.
     */
    private static List<String> keyPath(SourceFile file, int line) {
        List<String> path = new ArrayList<>();
        String own = file.line(line);
        int indent = SourceFile.spaceIndent(own);
        Matcher first = KEY.matcher(own);
        if (first.find()) {
            if (first.group(2) != null) {
                return null;
            }
            path.addFirst(unquote(first.group(3)));
        }
        for (int n = line - 1; n >= 1 && indent > 0; n--) {
            String text = file.line(n);
            if (text.isBlank() || text.strip().startsWith("#") || SourceFile.spaceIndent(text) >= indent) {
                continue;
            }
            indent = SourceFile.spaceIndent(text);
            Matcher key = KEY.matcher(text);
            if (key.find()) {
                if (key.group(2) != null) {
                    return null;
                }
                path.addFirst(unquote(key.group(3)));
            } else if (!text.strip().startsWith("-")) {
                return null;
            }
        }
        return indent == 0 ? path : null;
    }

    private static String unquote(String key) {
        return key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'")) ? key.substring(1, key.length() - 1)
                : key;
    }

    /** The job's keys with those of the jobs it extends merged under them. */
    private Map<?, ?> effective(String job, int depth) {
        Map<?, ?> known = effective.get(job);
        if (known != null) {
            return known;
        }
        Map<?, ?> own = PlainYaml.merged(pipeline.get(job));
        Object extended = own.get("extends");
        if (extended == null || depth >= MAX_DEPTH) {
            return own;
        }
        Map<Object, Object> base = new LinkedHashMap<>();
        for (Object parent : extended instanceof List<?> list ? list : List.of(extended)) {
            if (parent instanceof String name && pipeline.get(name) instanceof Map<?, ?>) {
                base = deepMerge(base, effective(name, depth + 1));
            }
        }
        Map<Object, Object> merged = deepMerge(base, own);
        merged.remove("extends");
        effective.put(job, merged);
        return merged;
    }

    /** {@code top} merged over {@code base}: mappings key by key, any other value replaced. */
    private static Map<Object, Object> deepMerge(Map<?, ?> base, Map<?, ?> top) {
        Map<Object, Object> out = new LinkedHashMap<>(base);
        PlainYaml.merged(top).forEach((key, value) -> {
            Object below = out.get(key);
            out.put(key, value instanceof Map<?, ?> map && below instanceof Map<?, ?> under
                    ? deepMerge(PlainYaml.merged(under), map) : value);
        });
        return out;
    }

    /** A script of the job, the pipeline's default {@code before_script} when the job has none of its own. */
    private Object scripts(Map<?, ?> job, String key) {
        Object own = job.get(key);
        if (own != null || !key.equals("before_script") || !inherits(job, "default", key)) {
            return own;
        }
        Object defaults = PlainYaml.merged(pipeline.get("default")).get(key);
        return defaults != null ? defaults : pipeline.get(key);
    }

    /** Whether the job's {@code inherit:} lets it take the pipeline's {@code default} or {@code variables} entry. */
    private static boolean inherits(Map<?, ?> job, String what, String name) {
        Object inherit = PlainYaml.mapping(job.get("inherit")).get(what);
        return inherit == null || Boolean.TRUE.equals(inherit)
                || inherit instanceof List<?> names && names.contains(name);
    }

    /** Whether {@code value} is {@code node}, or holds it as an item, a nested list's or a reference's. */
    private boolean contains(Object value, Object node, int depth) {
        if (value == node) {
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (value instanceof PlainYaml.Reference reference) {
            return contains(resolve(reference), node, depth + 1);
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (contains(item, node, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value a {@code !reference} names; null when it names none. */
    private Object resolve(PlainYaml.Reference reference) {
        if (reference.path().isEmpty()) {
            return null;
        }
        Object node = effective(reference.path().getFirst(), 0);
        for (String key : reference.path().subList(1, reference.path().size())) {
            node = PlainYaml.merged(node).get(key);
        }
        return node;
    }

    /** A script's lines: its items, nested lists and references spread out. */
    private List<String> flatten(Object script) {
        List<String> out = new ArrayList<>();
        flatten(script, out, 0);
        return out;
    }

    private void flatten(Object value, List<String> out, int depth) {
        if (value instanceof String line) {
            out.add(line);
        } else if (depth < MAX_DEPTH && value instanceof PlainYaml.Reference reference) {
            flatten(resolve(reference), out, depth + 1);
        } else if (depth < MAX_DEPTH && value instanceof List<?> items) {
            items.forEach(item -> flatten(item, out, depth + 1));
        }
    }

    /**
     * The job's variables with the pipeline's it inherits under them, as written; {@code raw} receives the names of
     * those with {@code expand: false}.
     */
    private Map<String, String> variables(Map<?, ?> job, Set<String> raw) {
        Map<String, String> values = new LinkedHashMap<>();
        PlainYaml.merged(pipeline.get("variables")).forEach((name, value) -> {
            if (inherits(job, "variables", String.valueOf(name))) {
                put(values, raw, name, value);
            }
        });
        PlainYaml.merged(job.get("variables")).forEach((name, value) -> put(values, raw, name, value));
        return values;
    }

    /**
     * The values the job's shell gets: in each variable GitLab expands, {@code $$} made a plain {@code $} and the
     * references to the others put in (a variable with {@code expand: false} as written, its own references and
     * {@code $$} left alone; text put in is not read again).
     */
    private static Map<String, String> resolved(Map<String, String> values, Set<String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        values.keySet().forEach(name -> out.put(name, value(name, values, raw, 0)));
        return out;
    }

    private static String value(String name, Map<String, String> values, Set<String> raw, int depth) {
        String written = values.get(name);
        if (raw.contains(name) || !written.contains("$")) {
            return written;
        }
        return VARIABLE_OR_ESCAPE.matcher(written).replaceAll(m -> {
            String ref = m.group(1) != null ? m.group(1) : m.group(2);
            if (ref == null) {
                return "\\$"; // $$
            }
            boolean known = !ref.equals(name) && values.containsKey(ref) && depth < MAX_DEPTH;
            return Matcher.quoteReplacement(known ? value(ref, values, raw, depth + 1) : m.group());
        });
    }

    /**
     * The variables of each job GitLab runs for the job's {@code parallel: matrix:}: every combination of the values of
     * each entry, one job each; one empty combination for a job without a matrix. An entry with a value that is not
     * a scalar or a list of scalars is left out.
     */
    private static List<Map<String, String>> matrix(Map<?, ?> job) {
        if (!(PlainYaml.mapping(job.get("parallel")).get("matrix") instanceof List<?> entries)) {
            return List.of(Map.of());
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Object entry : entries) {
            List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
            for (Map.Entry<?, ?> variable : PlainYaml.merged(entry).entrySet()) {
                List<String> values = scalars(variable.getValue());
                if (values.isEmpty()) {
                    combinations.clear();
                    break;
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> combination : combinations) {
                    for (String value : values) {
                        Map<String, String> more = new LinkedHashMap<>(combination);
                        more.put(String.valueOf(variable.getKey()), value);
                        next.add(more);
                    }
                }
                combinations = next;
            }
            out.addAll(combinations);
        }
        return out.isEmpty() ? List.of(Map.of()) : out;
    }

    private static List<String> scalars(Object value) {
        List<String> out = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value == null ? List.of() : value)) {
            if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                out.add(String.valueOf(item));
            } else {
                return List.of();
            }
        }
        return out;
    }

    private static void put(Map<String, String> values, Set<String> raw, Object name, Object value) {
        Object literal = value instanceof Map<?, ?> spec ? spec.get("value") : value;
        String key = String.valueOf(name);
        if (literal instanceof String || literal instanceof Number || literal instanceof Boolean) {
            values.put(key, String.valueOf(literal));
        } else {
            values.remove(key);
        }
        if (value instanceof Map<?, ?> spec && Boolean.FALSE.equals(spec.get("expand"))) {
            raw.add(key);
        } else {
            raw.remove(key);
        }
    }

    private static UnaryOperator<String> expansion(Map<String, String> values) {
        return values.isEmpty() ? UnaryOperator.identity()
                : written -> written == null ? null : substitute(written, values, null);
    }

    /**
     * {@code $NAME} and {@code ${NAME}} of the known variables put in a script's command, as its shell reads it:
     * {@code $$} there is the shell's process id, not a reference.
     */
    private static String substitute(String written, Map<String, String> values, String self) {
        if (!written.contains("$")) {
            return written;
        }
        return VARIABLE_OR_ESCAPE.matcher(written).replaceAll(m -> {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = name == null || name.equals(self) ? null : values.get(name);
            return Matcher.quoteReplacement(value != null ? value : m.group());
        });
    }
}
