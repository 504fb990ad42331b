package dev.drydock.core.manifest;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * One dependency as every manifest kind reports it, for rules that do not care which file it is.
 *
 * @param name the name as written (Maven: {@code groupId:artifactId})
 * @param normalizedName the name as the registry compares it ({@link Ecosystem#normalize})
 * @param constraint the version constraint as written ({@code ">=2.3.0"}, {@code "^1.2"}, a URL
 *     requirement as {@code "@ https://..."}); empty when the file gives none
 * @param pinned whether the constraint allows exactly one version (see each parser for its rule)
 * @param scope where it is needed
 * @param group the group, extra or scope name it is declared under, or null
 * @param span where it is declared
 * @param extras the optional features it is requested with, as written (Python: {@code fastapi[standard]})
 */
public record Dependency(String name, String normalizedName, String constraint, boolean pinned, Scope scope,
        String group, Span span, List<String> extras) {

    public Dependency {
        extras = extras == null ? List.of() : List.copyOf(extras);
    }

    /** A dependency requested without extras. */
    public Dependency(String name, String normalizedName, String constraint, boolean pinned, Scope scope,
            String group, Span span) {
        this(name, normalizedName, constraint, pinned, scope, group, span, List.of());
    }

    public boolean isDev() {
        return scope == Scope.DEV || scope == Scope.TEST;
    }

    public boolean isOptional() {
        return scope == Scope.OPTIONAL;
    }

    public int line() {
        return span.startLine();
    }
}
