package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PHP Composer {@code composer.json}: the packages of {@code require} and {@code require-dev}, each
 * with its position, and the lock file beside it. Platform requirements ({@code php}, {@code ext-*},
 * {@code lib-*}, {@code composer-plugin-api} ...) name no package and are left out.
 */
public final class ComposerJson {

    /** One package requirement: {@code "laravel/framework": "^11.0"}. */
    public record Requirement(String name, String constraint, boolean dev, Span span) {

        /** An exact version ({@code 1.2.3}, {@code v1.2.3}, {@code =1.2.3}, {@code ==1.2.3}). */
        public boolean isPinned() {
            return EXACT.matcher(constraint.trim()).matches();
        }
    }

    private static final Pattern EXACT = Pattern.compile("(==?)?v?[0-9]+(\\.[0-9]+){0,3}(-[0-9A-Za-z.]+)?");

    private final SourceFile file;
    private final List<Requirement> requirements;
    private final Set<LockFile> lockFiles;
    private final List<Diagnostic> diagnostics;

    private ComposerJson(SourceFile file, List<Requirement> requirements, Set<LockFile> lockFiles,
            List<Diagnostic> diagnostics) {
        this.file = file;
        this.requirements = List.copyOf(requirements);
        this.lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lockFiles));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Reads composer.json; {@code siblings} are the names in its folder (for composer.lock).
     *
     * @throws SourceException when the file is not a JSON object (positioned)
     */
    public static ComposerJson parse(SourceFile file, Collection<String> siblings) {
        JsonTree.Node root = JsonTree.parse(file);
        if (!(root instanceof JsonTree.Obj obj)) {
            throw new SourceException(file.path(), root.span().startLine(), root.span().startColumn(),
                    "composer.json must hold a JSON object");
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Requirement> requirements = new ArrayList<>();
        for (String key : List.of("require", "require-dev")) {
            JsonTree.Member section = obj.member(key);
            if (section == null) {
                continue;
            }
            if (!(section.value() instanceof JsonTree.Obj map)) {
                diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, file, section.keySpan(),
                        "\"" + key + "\" should be an object"));
                continue;
            }
            for (JsonTree.Member m : map.members().values()) {
                if (isPlatform(m.key())) {
                    continue;
                }
                String constraint = m.value() instanceof JsonTree.Scalar s && s.isString() ? s.text() : "";
                Span span = file.span(m.keySpan().start(), Math.max(m.keySpan().end(), m.value().span().end()));
                requirements.add(new Requirement(m.key(), constraint, key.equals("require-dev"), span));
            }
        }
        return new ComposerJson(file, requirements, LockFile.among(siblings, Ecosystem.PACKAGIST), diagnostics);
    }

    /** Whether a require key names the platform (PHP itself, an extension, a system library) rather than a package. */
    static boolean isPlatform(String name) {
        return !name.contains("/");
    }

    public SourceFile file() {
        return file;
    }

    /** {@code require} then {@code require-dev}, in file order. */
    public List<Requirement> requirements() {
        return requirements;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Manifest toManifest() {
        List<Dependency> deps = new ArrayList<>();
        for (Requirement r : requirements) {
            deps.add(new Dependency(r.name(), Ecosystem.PACKAGIST.normalize(r.name()), r.constraint(), r.isPinned(),
                    r.dev() ? Scope.DEV : Scope.MAIN, r.dev() ? "require-dev" : "require", r.span()));
        }
        return new Manifest(Ecosystem.PACKAGIST, ManifestKind.COMPOSER_JSON, file.path(), deps, lockFiles, diagnostics);
    }
}
