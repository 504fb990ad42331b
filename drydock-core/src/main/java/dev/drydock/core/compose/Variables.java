package dev.drydock.core.compose;

import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.dotenv.DotEnvFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables compose interpolates with: the process environment (a snapshot the caller gives) and the
 * project's {@code .env} file(s). The process environment wins over {@code .env}, as in Compose.
 */
public final class Variables {

    private final Map<String, String> process;
    private final List<DotEnvFile> dotEnvFiles;
    private final Map<String, String> merged;

    private Variables(Map<String, String> process, List<DotEnvFile> dotEnvFiles) {
        this.process = Collections.unmodifiableMap(new LinkedHashMap<>(process));
        this.dotEnvFiles = List.copyOf(dotEnvFiles);
        Map<String, String> m = new LinkedHashMap<>();
        for (DotEnvFile f : dotEnvFiles) {
            m.putAll(f.values());
        }
        m.putAll(process);
        this.merged = Collections.unmodifiableMap(m);
    }

    public static Variables of(Map<String, String> process, List<DotEnvFile> dotEnvFiles) {
        return new Variables(process, dotEnvFiles);
    }

    public static Variables of(Map<String, String> process) {
        return new Variables(process, List.of());
    }

    public static Variables empty() {
        return new Variables(Map.of(), List.of());
    }

    /** This environment with further {@code .env} files whose values do not override the ones set here. */
    Variables withDefaults(List<DotEnvFile> files) {
        if (files.isEmpty()) {
            return this;
        }
        Map<String, String> combined = new LinkedHashMap<>();
        for (DotEnvFile f : files) {
            combined.putAll(f.values());
        }
        combined.putAll(merged);
        Variables v = new Variables(combined, files);
        return v;
    }

    /** The value, {@code null} when unset. */
    public String get(String name) {
        return merged.get(name);
    }

    public boolean isSet(String name) {
        return merged.containsKey(name);
    }

    /** All variables, process environment over {@code .env}. */
    public Map<String, String> asMap() {
        return merged;
    }

    public Map<String, String> process() {
        return process;
    }

    public List<DotEnvFile> dotEnvFiles() {
        return dotEnvFiles;
    }

    /** Where a variable's value comes from: the {@code .env} statement, when not overridden by the process. */
    public Optional<DotEnvEntry> dotEnvEntry(String name) {
        return dotEnvFileOf(name).flatMap(f -> f.entry(name));
    }

    /** The {@code .env} file whose statement gives a variable its value, when the process does not override it. */
    public Optional<DotEnvFile> dotEnvFileOf(String name) {
        if (process.containsKey(name)) {
            return Optional.empty();
        }
        for (int i = dotEnvFiles.size() - 1; i >= 0; i--) {
            Optional<DotEnvEntry> e = dotEnvFiles.get(i).entry(name);
            if (e.isPresent() && e.get().value() != null) {
                return Optional.of(dotEnvFiles.get(i));
            }
        }
        return Optional.empty();
    }
}
