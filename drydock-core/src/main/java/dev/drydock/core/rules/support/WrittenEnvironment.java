package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The variables a compose service's container gets from what the project writes: its {@code environment} (list and
 * map forms) and the {@code env_file} files it loads, the environment winning over the files and a later file over an
 * earlier one; each value with where its text is, to point at a part of it.
 */
public final class WrittenEnvironment {

    /**
     * One variable.
     *
     * @param value the value the container gets (interpolated, unquoted)
     * @param raw the text as written (a list item's {@code NAME=} included, a dotenv value's quotes included)
     * @param rawFrom where the value starts in {@code raw}
     * @param envFile the env file that sets it, null for the compose environment
     * @param exact whether indexes of {@code raw} map exactly onto the file (no escapes, one line)
     */
    public record Setting(String name, String value, String raw, int rawFrom, String file, String envFile,
            boolean exact, Spans spans) {

        /** The file span of characters {@code start..end} of {@link #raw}. */
        public Span span(int start, int end) {
            return spans.of(start, end);
        }

        /** Where {@code text} is written in the value, as an index into {@link #raw}; -1 when a variable gives it. */
        public int rawIndexOf(String text, int valueIndex) {
            int direct = rawFrom + valueIndex;
            if (raw.startsWith(text, direct)) {
                return direct;
            }
            return raw.indexOf(text, rawFrom);
        }
    }

    /** Turns indexes of a setting's raw text into file spans. */
    @FunctionalInterface
    public interface Spans {
        Span of(int start, int end);
    }

    /** Words of variables that give the service's own address, or one a browser or the host uses. */
    private static final Set<String> NOT_A_CLIENT = Set.of("BIND", "LISTEN", "LISTENER", "LISTENERS", "ADVERTISED",
            "PUBLIC", "NEXT", "VITE", "REACT", "CORS", "ORIGIN", "ORIGINS", "ALLOWED", "REDIRECT", "CALLBACK", "TRUSTED",
            "EXTERNAL", "FRONTEND", "BROWSER", "PROXY");

    private WrittenEnvironment() {}

    /**
     * Whether a variable's address is one the service connects to, not its own listen or advertised address nor one
     * meant for a browser or the host (PUBLIC_, VITE_, CORS, REDIRECT...).
     */
    public static boolean isClientAddress(String variable) {
        for (String word : variable.toUpperCase(Locale.ROOT).split("[_.-]+")) {
            if (NOT_A_CLIENT.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The service's variables with a value, by name, in the order written. */
    public static List<Setting> of(Project project, Service service) {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (Service.EnvFile f : service.envFiles()) {
            String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
            SourceFile file = path == null ? null : project.source(path).orElse(null);
            if (file == null) {
                continue;
            }
            for (DotEnvEntry e : EnvFiles.entries(project, path)) {
                if (e.value() == null || e.valueSpan() == null) {
                    continue;
                }
                int base = e.valueSpan().start();
                out.put(e.key(), new Setting(e.key(), e.value(), e.rawValue(), e.quote() == 0 ? 0 : 1, path, path,
                        !e.rawValue().contains("\\") && !e.rawValue().contains("\n"),
                        (a, b) -> file.span(Math.min(base + a, e.valueSpan().end()),
                                Math.min(base + b, e.valueSpan().end()))));
            }
        }
        for (Service.EnvVar env : service.environment()) {
            if (env.value() == null || !(env.value().node() instanceof ScalarNode s) || env.value().value() == null) {
                continue;
            }
            int from = env.listForm() ? s.raw().indexOf('=') + 1 : 0;
            out.remove(env.name());
            out.put(env.name(), new Setting(env.name(), env.value().value(), s.raw(), from, s.file().path(), null,
                    s.hasExactText(), s::spanOf));
        }
        return new ArrayList<>(out.values());
    }
}
