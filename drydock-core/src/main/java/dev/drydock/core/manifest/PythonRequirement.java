package dev.drydock.core.manifest;

import java.util.List;
import java.util.Optional;

/**
 * A PEP 508 dependency specification: {@code name[extras] specifiers ; marker} or
 * {@code name[extras] @ url ; marker}.
 *
 * @param name the project name as written
 * @param extras requested extras, as written
 * @param specifiers version clauses (empty for a URL requirement or no constraint)
 * @param url the direct reference after {@code @}, or null
 * @param marker the environment marker after {@code ;}, as written, or null
 */
public record PythonRequirement(String name, List<String> extras, List<VersionSpecifier> specifiers, String url,
        String marker) {

    public PythonRequirement {
        extras = List.copyOf(extras);
        specifiers = List.copyOf(specifiers);
    }

    /** The name normalised per PEP 503. */
    public String normalizedName() {
        return Ecosystem.normalizePypi(name);
    }

    /** The version constraint as text: clauses joined with commas, or {@code "@ url"}, or "". */
    public String constraint() {
        if (url != null) {
            return "@ " + url;
        }
        return String.join(",", specifiers.stream().map(VersionSpecifier::toString).toList());
    }

    /** Exactly one version allowed: some clause is {@code ==} without wildcard, or {@code ===}. */
    public boolean isPinned() {
        return specifiers.stream().anyMatch(VersionSpecifier::isExact);
    }

    /**
     * The highest lower bound among the clauses ({@code >=}, {@code >}, {@code ~=}, exact
     * {@code ==}, {@code ===}), compared as PEP 440 versions; empty when nothing bounds below.
     */
    public Optional<String> lowerBound() {
        return lowerBound(specifiers);
    }

    static Optional<String> lowerBound(List<VersionSpecifier> specifiers) {
        String best = null;
        Pep440Version bestVersion = null;
        for (VersionSpecifier s : specifiers) {
            if (!s.isLowerBound()) {
                continue;
            }
            Optional<Pep440Version> v = Pep440Version.parse(s.version());
            if (best == null || (v.isPresent() && (bestVersion == null || v.get().compareTo(bestVersion) > 0))) {
                best = s.version();
                bestVersion = v.orElse(null);
            }
        }
        return Optional.ofNullable(best);
    }
}
