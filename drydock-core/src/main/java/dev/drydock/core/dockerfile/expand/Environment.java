package dev.drydock.core.dockerfile.expand;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The variables a word is expanded against: a stage's ARG and ENV scope, or the global ARGs for
 * FROM. A variable is either unset ({@link #lookup} gives {@code null}) or set, possibly to the
 * empty string; the difference matters to {@code ${VAR-word}} versus {@code ${VAR:-word}}.
 *
 * <p>Names compare exactly (case-sensitively), as BuildKit does on Linux. Implementations must not
 * change while an expansion runs; {@link #of}, {@link #fromEntries} and {@link #with} give immutable
 * ones.
 */
@FunctionalInterface
public interface Environment {

    /** The value of {@code name}, or {@code null} when the variable is unset. */
    String lookup(String name);

    /** Whether {@code name} is set (possibly to the empty string). */
    default boolean isSet(String name) {
        return lookup(name) != null;
    }

    /**
     * The names this environment knows, in definition order, for suggestions such as "did you mean
     * ...". Lambda environments know none.
     */
    default Set<String> names() {
        return Set.of();
    }

    /**
     * An environment that is this one with {@code name} set to {@code value} (a later definition
     * replaces an earlier one, as a later ENV or ARG does). This one is left unchanged.
     */
    default Environment with(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Environment parent = this;
        return new Environment() {
            @Override
            public String lookup(String n) {
                return name.equals(n) ? value : parent.lookup(n);
            }

            @Override
            public Set<String> names() {
                Set<String> all = new LinkedHashSet<>(parent.names());
                all.remove(name);
                all.add(name);
                return Collections.unmodifiableSet(all);
            }
        };
    }

    /** No variable set. */
    static Environment empty() {
        return MapEnvironment.EMPTY;
    }

    /** An immutable copy of {@code variables} (iteration order kept for {@link #names()}). */
    static Environment of(Map<String, String> variables) {
        return variables.isEmpty() ? MapEnvironment.EMPTY : new MapEnvironment(new LinkedHashMap<>(variables));
    }

    /**
     * An environment from {@code NAME=value} entries as in an image config's {@code Env} list; an
     * entry without {@code =} sets the name to the empty string, and a later entry for the same name
     * replaces an earlier one (BuildKit's {@code EnvsFromSlice}).
     */
    static Environment fromEntries(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            map.remove(name);
            map.put(name, eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map.isEmpty() ? MapEnvironment.EMPTY : new MapEnvironment(map);
    }

    /** The immutable map-backed implementation. */
    final class MapEnvironment implements Environment {
        static final MapEnvironment EMPTY = new MapEnvironment(new LinkedHashMap<>());

        private final Map<String, String> map;

        private MapEnvironment(Map<String, String> map) {
            this.map = map;
        }

        @Override
        public String lookup(String name) {
            return map.get(name);
        }

        @Override
        public Set<String> names() {
            return Collections.unmodifiableSet(map.keySet());
        }

        @Override
        public Environment with(String name, String value) {
            LinkedHashMap<String, String> copy = new LinkedHashMap<>(map);
            copy.remove(name);
            copy.put(name, value);
            return new MapEnvironment(copy);
        }

        /** The variables as an unmodifiable map. */
        public Map<String, String> asMap() {
            return Collections.unmodifiableMap(map);
        }

        @Override
        public String toString() {
            return map.toString();
        }
    }
}
