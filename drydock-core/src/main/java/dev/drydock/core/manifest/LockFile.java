package dev.drydock.core.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Lock files that pin a whole dependency tree, recognised by file name. */
public enum LockFile {
    PIPFILE_LOCK("Pipfile.lock", Ecosystem.PYPI),
    POETRY_LOCK("poetry.lock", Ecosystem.PYPI),
    UV_LOCK("uv.lock", Ecosystem.PYPI),
    PDM_LOCK("pdm.lock", Ecosystem.PYPI),
    PYLOCK_TOML("pylock.toml", Ecosystem.PYPI),
    PACKAGE_LOCK_JSON("package-lock.json", Ecosystem.NPM),
    NPM_SHRINKWRAP_JSON("npm-shrinkwrap.json", Ecosystem.NPM),
    YARN_LOCK("yarn.lock", Ecosystem.NPM),
    PNPM_LOCK_YAML("pnpm-lock.yaml", Ecosystem.NPM),
    BUN_LOCKB("bun.lockb", Ecosystem.NPM),
    BUN_LOCK("bun.lock", Ecosystem.NPM),
    GO_SUM("go.sum", Ecosystem.GO),
    GEMFILE_LOCK("Gemfile.lock", Ecosystem.RUBYGEMS),
    GRADLE_LOCKFILE("gradle.lockfile", Ecosystem.MAVEN),
    COMPOSER_LOCK("composer.lock", Ecosystem.PACKAGIST),
    CARGO_LOCK("Cargo.lock", Ecosystem.CRATES),
    NUGET_LOCK("packages.lock.json", Ecosystem.NUGET),
    MIX_LOCK("mix.lock", Ecosystem.HEX);

    private final String fileName;
    private final Ecosystem ecosystem;

    LockFile(String fileName, Ecosystem ecosystem) {
        this.fileName = fileName;
        this.ecosystem = ecosystem;
    }

    public String fileName() {
        return fileName;
    }

    public Ecosystem ecosystem() {
        return ecosystem;
    }

    /** The npm client a lock file belongs to ("npm", "yarn", "pnpm", "bun"), or null. */
    public String packageManager() {
        return switch (this) {
            case PACKAGE_LOCK_JSON, NPM_SHRINKWRAP_JSON -> "npm";
            case YARN_LOCK -> "yarn";
            case PNPM_LOCK_YAML -> "pnpm";
            case BUN_LOCK, BUN_LOCKB -> "bun";
            default -> null;
        };
    }

    /** The file names of the lock files {@code manager} (npm, yarn, pnpm or bun) writes, in declaration order. */
    public static List<String> fileNamesOf(String manager) {
        List<String> names = new ArrayList<>();
        for (LockFile lock : values()) {
            if (manager.equals(lock.packageManager())) {
                names.add(lock.fileName);
            }
        }
        return List.copyOf(names);
    }

    /** The file names of the lock files of these ecosystems. */
    public static Set<String> fileNames(Ecosystem... ecosystems) {
        Set<Ecosystem> wanted = Set.of(ecosystems);
        Set<String> names = new java.util.LinkedHashSet<>();
        for (LockFile lock : values()) {
            if (wanted.contains(lock.ecosystem)) {
                names.add(lock.fileName);
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * The lock files of {@code ecosystem} among {@code names}: the entries of one folder (file
     * names, or paths whose last element is taken). {@code Gemfile.lock} matches case-sensitively,
     * as everything else does.
     */
    public static Set<LockFile> among(Collection<String> names, Ecosystem ecosystem) {
        Set<LockFile> found = EnumSet.noneOf(LockFile.class);
        if (names == null) {
            return found;
        }
        for (String name : names) {
            if (name == null) {
                continue;
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            for (LockFile lock : values()) {
                if (lock.ecosystem == ecosystem && lock.fileName.equals(base)) {
                    found.add(lock);
                }
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return fileName;
    }
}
