package dev.drydock.core.manifest;

import java.util.Locale;

/** A package registry whose names and versions a manifest refers to. */
public enum Ecosystem {
    PYPI("pypi"),
    NPM("npm"),
    MAVEN("maven"),
    GO("go"),
    RUBYGEMS("rubygems"),
    PACKAGIST("packagist"),
    CRATES("crates"),
    NUGET("nuget"),
    HEX("hex");

    private final String id;

    Ecosystem(String id) {
        this.id = id;
    }

    /** The lower-case id used in reports ("pypi", "npm", ...). */
    public String id() {
        return id;
    }

    /**
     * A name as the registry compares names: PyPI per PEP 503 (lower case, runs of {@code -_.}
     * as one {@code -}); npm and Go module paths as written; Maven {@code groupId:artifactId} as
     * written; RubyGems and Hex as written (case-sensitive); Packagist and NuGet in lower case (both
     * compare names without case); crates.io in lower case with {@code _} as {@code -} (it treats the
     * two as the same name).
     */
    public String normalize(String name) {
        if (name == null) {
            return "";
        }
        String trimmed = name.trim();
        return switch (this) {
            case PYPI -> normalizePypi(trimmed);
            case PACKAGIST, NUGET -> trimmed.toLowerCase(Locale.ROOT);
            case CRATES -> trimmed.toLowerCase(Locale.ROOT).replace('_', '-');
            default -> trimmed;
        };
    }

    static String normalizePypi(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    @Override
    public String toString() {
        return id;
    }
}
