package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** gunicorn's configuration file and its assignments, as {@link GunicornSettings} reads them. */
public final class GunicornConfigs {

    /** A top-level assignment of a gunicorn setting in a configuration file: {@code graceful_timeout = 20}. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^([a-z_]+)\\s*=\\s*(.*?)\\s*(?:#.*)?$");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"|'[^'\\\\]*'");
    /** A list or tuple of string literals on one line: {@code ["0.0.0.0:8000", "[::]:8000"]}. */
    private static final Pattern STRINGS = Pattern.compile(
            "[\\[(]\\s*(?:" + STRING.pattern() + ")(?:\\s*,\\s*(?:" + STRING.pattern() + "))*\\s*,?\\s*[\\])]");

    private GunicornConfigs() {}

    /** Whether the container's build context holds a gunicorn.conf.py, which gunicorn reads from its working directory. */
    public static boolean inBuildContext(ReviewContext context, Container c) {
        String dir = c.build() == null ? "" : c.build().context();
        for (ProjectEntry e : context.project().layout().entries()) {
            if (e.name().equals("gunicorn.conf.py") && (dir.isEmpty() || e.path().startsWith(dir + "/"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The configuration file of the build context gunicorn reads: -c's file (relative to the context root, as the
     * image's working directory usually mirrors it), else gunicorn.conf.py at the context root; empty for an absolute
     * or python: -c, or no such file.
     */
    public static Optional<SourceFile> readFile(ReviewContext context, Container c, EntryPoint ep) {
        if (c.build() == null) {
            return Optional.empty();
        }
        String config = ep.option("config");
        if (config != null && config.startsWith("file:")) {
            config = config.substring("file:".length());
        }
        if (config != null && (config.startsWith("/") || config.startsWith("python:") || config.contains("$"))) {
            return Optional.empty();
        }
        return context.project().source(PathNames.join(c.build().context(),
                config == null ? "gunicorn.conf.py" : config));
    }

    /**
     * A top-level assignment in a configuration file: {@code value} as written after the {@code =}, quotes kept,
     * comment dropped; {@code span} the value's place in the file.
     */
    public record Setting(SourceFile file, int line, String value, Span span) {

        /** The value when it is one string literal ({@code "gthread"}, {@code 'sync'}), else null. */
        public String string() {
            return STRING.matcher(value).matches() ? value.substring(1, value.length() - 1) : null;
        }

        /**
         * The value's strings when it is one string literal or a list or tuple of them written on its line
         * ({@code bind = ["0.0.0.0:8000", "[::]:8000"]}); null for anything else, an empty list among them.
         */
        public java.util.List<String> strings() {
            if (string() != null) {
                return java.util.List.of(string());
            }
            if (!STRINGS.matcher(value).matches()) {
                return null;
            }
            java.util.List<String> out = new java.util.ArrayList<>();
            Matcher m = STRING.matcher(value);
            while (m.find()) {
                out.add(m.group().substring(1, m.group().length() - 1));
            }
            return out;
        }
    }

    /**
     * The last top-level assignment of {@code setting} (worker_class, threads) in the configuration file gunicorn
     * reads; empty when the file sets none or drydock cannot find the file.
     */
    public static Optional<Setting> setting(ReviewContext context, Container c, EntryPoint ep, String setting) {
        Optional<SourceFile> file = readFile(context, c, ep);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Setting found = null;
        for (int line = 1; line <= file.get().lineCount(); line++) {
            Matcher m = ASSIGNMENT.matcher(file.get().line(line));
            if (m.matches() && m.group(1).equals(setting)) {
                int start = file.get().lineStart(line) + m.start(2);
                found = new Setting(file.get(), line, m.group(2), file.get().span(start, start + m.group(2).length()));
            }
        }
        return Optional.ofNullable(found);
    }
}
