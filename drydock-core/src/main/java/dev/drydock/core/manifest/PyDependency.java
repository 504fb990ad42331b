package dev.drydock.core.manifest;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * A dependency declared in {@code pyproject.toml} or a {@code Pipfile}.
 *
 * @param name the project name as written
 * @param constraint the version constraint as written: PEP 440 clauses, Poetry's {@code ^1.2} /
 *     {@code ~1.2} / {@code 1.2.3}, Pipenv's {@code *}, or {@code "@ url"}, {@code "git ..."},
 *     {@code "path ..."} for direct references; "" when none
 * @param pinned whether exactly one version is allowed (PEP 440 {@code ==}/{@code ===}; in Poetry
 *     also a bare version, which Poetry reads as {@code ==})
 * @param scope MAIN, OPTIONAL (extras, Poetry {@code optional = true}), DEV (groups), BUILD
 * @param group the extra, group or table it was declared under, or null for the main list
 * @param source which table declared it: {@code project}, {@code poetry}, {@code dependency-groups},
 *     {@code build-system}, {@code uv}, {@code pdm}, {@code pipfile}
 * @param requirement the PEP 508 form when the entry was one (PEP 621, build-system, groups), else null
 * @param tableExtras the extras a Poetry or Pipenv table requests ({@code fastapi = {extras = ["all"], version =
 *     "^0.111"}}); the extras of a PEP 508 entry are its requirement's
 */
public record PyDependency(String name, String constraint, boolean pinned, Scope scope, String group, String source,
        PythonRequirement requirement, Span span, List<String> tableExtras) {

    public PyDependency {
        tableExtras = tableExtras == null ? List.of() : List.copyOf(tableExtras);
    }

    /** A dependency whose entry requests no extras by a table. */
    public PyDependency(String name, String constraint, boolean pinned, Scope scope, String group, String source,
            PythonRequirement requirement, Span span) {
        this(name, constraint, pinned, scope, group, source, requirement, span, List.of());
    }

    /** The extras it is requested with: {@code fastapi[standard]}, or a table's {@code extras = ["all"]}. */
    public List<String> extras() {
        return requirement == null ? tableExtras : requirement.extras();
    }

    public String normalizedName() {
        return Ecosystem.normalizePypi(name);
    }

    public Dependency toDependency() {
        return new Dependency(name, normalizedName(), constraint, pinned, scope, group, span, extras());
    }
}
