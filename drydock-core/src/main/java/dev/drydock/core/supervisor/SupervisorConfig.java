package dev.drydock.core.supervisor;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One supervisord configuration file: its sections in order. */
public record SupervisorConfig(SourceFile file, List<Section> sections) {

    public SupervisorConfig {
        sections = List.copyOf(sections);
    }

    /** A {@code [name]} section with its values by lower-case key. */
    public record Section(String name, Span header, Map<String, Value> values) {

        public Section {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public Optional<Value> value(String key) {
            return Optional.ofNullable(values.get(key));
        }
    }

    /** A value as written (continuation lines joined with a newline), and where it is: its key's line to the end. */
    public record Value(String text, Span span) {}

    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static SupervisorConfig parse(SourceFile file) {
        List<Section> sections = new ArrayList<>();
        String name = null;
        Span header = null;
        Map<String, Value> values = new LinkedHashMap<>();
        String key = null;
        StringBuilder text = null;
        int keyLine = 0;
        int lastLine = 0;
        for (int line = 1; line <= file.lineCount(); line++) {
            String raw = file.line(line);
            String stripped = raw.strip();
            boolean continuation = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0)) && !stripped.isEmpty();
            if (continuation && key != null && !stripped.startsWith(";") && !stripped.startsWith("#")) {
                text.append('\n').append(withoutComment(stripped));
                lastLine = line;
                continue;
            }
            if (key != null && (stripped.isEmpty() || !continuation)) {
                values.put(key, new Value(text.toString().strip(), file.lines(keyLine, lastLine)));
                key = null;
            }
            if (stripped.isEmpty() || stripped.startsWith(";") || stripped.startsWith("#")) {
                continue;
            }
            if (stripped.startsWith("[") && stripped.contains("]")) {
                if (name != null) {
                    sections.add(new Section(name, header, values));
                }
                name = stripped.substring(1, stripped.indexOf(']')).strip();
                header = file.lines(line, line);
                values = new LinkedHashMap<>();
                continue;
            }
            int eq = separator(stripped);
            if (name == null || eq <= 0) {
                continue; // supervisord stops at such a line; nothing here to model
            }
            key = stripped.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            text = new StringBuilder(withoutComment(stripped.substring(eq + 1).strip()));
            keyLine = line;
            lastLine = line;
        }
        if (key != null) {
            values.put(key, new Value(text.toString().strip(), file.lines(keyLine, lastLine)));
        }
        if (name != null) {
            sections.add(new Section(name, header, values));
        }
        return new SupervisorConfig(file, sections);
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /** The value without an inline comment: {@code ;} or {@code #} after whitespace. */
    private static String withoutComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == ';' || c == '#') && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value;
    }

    /**
     * A value with supervisord's expansions done: {@code %(ENV_X)s} from the environment supervisord starts with,
     * {@code %(here)s} the configuration file's folder, {@code %(program_name)s}, {@code %(process_num)02d} as 00 (the
     * first process) and
     * {@code %%}; an unknown name is left as written.
     */
    public static String expand(String value, Map<String, String> env, String here, String programName) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%' && i + 1 < value.length() && value.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            int close = c == '%' && i + 1 < value.length() && value.charAt(i + 1) == '(' ? value.indexOf(')', i) : -1;
            if (close > 0 && close + 1 < value.length()) {
                String name = value.substring(i + 2, close);
                String replacement = name.startsWith("ENV_") ? env.get(name.substring(4))
                        : name.equals("here") ? here
                        : name.equals("program_name") ? programName
                        : name.equals("process_num") ? "0" : null;
                int end = close + 1;
                while (end < value.length() && "-#0 +.0123456789".indexOf(value.charAt(end)) >= 0) {
                    end++;
                }
                if (replacement != null && end < value.length()) {
                    String spec = value.substring(close + 1, end + 1);
                    out.append(spec.endsWith("d") && replacement.matches("\\d+")
                            ? String.format("%" + spec, Long.parseLong(replacement)) : replacement);
                    i = end + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
