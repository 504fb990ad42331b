package dev.drydock.core.dotenv;

import dev.drydock.core.source.SourceFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code .env} / {@code env_file} file: its statements in order and the variables they set. */
public record DotEnvFile(SourceFile file, List<DotEnvEntry> entries) {

    public DotEnvFile {
        entries = List.copyOf(entries);
    }

    /** The variables set, later statements winning; a {@code KEY} alone without value sets nothing. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        for (DotEnvEntry e : entries) {
            if (e.value() != null) {
                out.put(e.key(), e.value());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The last statement for {@code key}. */
    public Optional<DotEnvEntry> entry(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key().equals(key)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }
}
