package dev.drydock.core.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders discovery does not descend into: one row per rule. A rule matches a folder by name
 * and, for names that are also ordinary folder names, only when a marker file says the folder is
 * generated: beside (in the parent folder) or inside it. The project root itself is never skipped.
 *
 * <p>Folders that often hold container files are deliberately walked: {@code .devcontainer},
 * {@code .github}, {@code .circleci}, {@code build} outside Gradle projects ({@code build/package/Dockerfile},
 * {@code build/docker/}), {@code dist} outside Node/Python packages, {@code vendor} outside Go/PHP
 * modules, {@code bin} and {@code obj} outside .NET projects, {@code deps} outside Mix projects,
 * {@code env} that is not a virtualenv. Directory symlinks are never followed (see
 * {@link ProjectScanner}).
 */
public enum SkipRule {
    VCS("version control data", Where.ALWAYS, List.of(), ".git", ".hg", ".svn", ".bzr"),
    NODE_PACKAGES("installed JavaScript packages", Where.ALWAYS, List.of(), "node_modules", "bower_components", "jspm_packages"),
    JS_TOOL_OUTPUT("JavaScript tool caches and build output", Where.ALWAYS, List.of(),
            ".next", ".nuxt", ".svelte-kit", ".angular", ".parcel-cache", ".turbo", ".yarn", ".pnpm-store", ".npm"),
    VIRTUALENV("Python virtualenv by its conventional name", Where.ALWAYS, List.of(), ".venv", "venv"),
    /** Any other folder holding {@code pyvenv.cfg}: {@code env}, {@code .env}, {@code py311}, ... (checked last). */
    VIRTUALENV_MARKED("Python virtualenv (holds pyvenv.cfg)", Where.INSIDE, List.of("pyvenv.cfg")),
    PYTHON_PACKAGES("installed Python packages", Where.ALWAYS, List.of(),
            "__pypackages__", "site-packages", "dist-packages", ".eggs"),
    PYTHON_CACHES("Python caches", Where.ALWAYS, List.of(),
            "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", ".pytype"),
    JVM_CACHES("JVM build tool caches", Where.ALWAYS, List.of(), ".gradle", ".m2"),
    MAVEN_CARGO_OUTPUT("Maven, sbt or Cargo build output", Where.BESIDE,
            List.of("pom.xml", "build.sbt", "Cargo.toml", "project.clj"), "target"),
    GRADLE_OUTPUT("Gradle build output", Where.BESIDE,
            List.of("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"), "build"),
    PACKAGE_DIST("Node bundle or Python sdist/wheel output", Where.BESIDE,
            List.of("package.json", "setup.py", "pyproject.toml", "setup.cfg"), "dist"),
    VENDORED("vendored Go or PHP dependencies", Where.BESIDE, List.of("go.mod", "composer.json"), "vendor"),
    DOTNET_OUTPUT(".NET build output", Where.BESIDE, List.of("*.csproj", "*.fsproj", "*.vbproj"), "bin", "obj"),
    MIX_OUTPUT("Mix dependencies and build output", Where.BESIDE, List.of("mix.exs"), "_build", "deps"),
    BUNDLER("gems installed by Bundler into vendor/bundle", Where.UNDER_VENDOR, List.of(), "bundle"),
    EDITOR("editor and IDE settings", Where.ALWAYS, List.of(), ".idea", ".vscode", ".vs"),
    INFRA_CACHES("downloaded Terraform providers and modules, Serverless output", Where.ALWAYS, List.of(),
            ".terraform", ".terragrunt-cache", ".serverless"),
    GENERIC_CACHE("tool caches", Where.ALWAYS, List.of(), ".cache");

    /** Where the marker files of a rule must be for a folder of that name to be skipped. */
    public enum Where {
        /** The name alone suffices. */
        ALWAYS,
        /** One of the markers is a file in the folder's parent. */
        BESIDE,
        /** One of the markers is a file in the folder itself (any name). */
        INSIDE,
        /** The parent folder is named {@code vendor}. */
        UNDER_VENDOR
    }

    private static final Map<String, SkipRule> BY_NAME = new HashMap<>();

    static {
        for (SkipRule rule : values()) {
            for (String name : rule.names) {
                BY_NAME.put(name, rule);
            }
        }
    }

    private final String reason;
    private final Where where;
    private final List<String> markers;
    private final List<String> names;

    SkipRule(String reason, Where where, List<String> markers, String... names) {
        this.reason = reason;
        this.where = where;
        this.markers = markers;
        this.names = List.of(names);
    }

    public String reason() {
        return reason;
    }

    public Where where() {
        return where;
    }

    /** Marker files for {@link Where#BESIDE} and {@link Where#INSIDE} rules; {@code *.ext} stands for any name with that extension. */
    public List<String> markers() {
        return markers;
    }

    /** Folder names the rule applies to; empty for {@link #VIRTUALENV_MARKED}, which looks at any folder. */
    public List<String> names() {
        return names;
    }

    /**
     * The rule that skips {@code dir}, or null to walk it. Costs no I/O for most folders: one stat
     * of a marker for the conditional names, and one stat of {@code pyvenv.cfg} for the rest.
     */
    public static SkipRule match(Path dir) {
        Path fileName = dir.getFileName();
        if (fileName == null) {
            return null;
        }
        String name = fileName.toString();
        SkipRule rule = BY_NAME.get(name);
        if (rule == null && name.endsWith(".egg-info")) {
            rule = PYTHON_PACKAGES;
        }
        if (rule != null && rule.applies(dir)) {
            return rule;
        }
        return VIRTUALENV_MARKED.applies(dir) ? VIRTUALENV_MARKED : null;
    }

    private boolean applies(Path dir) {
        return switch (where) {
            case ALWAYS -> true;
            case BESIDE -> dir.getParent() != null && anyMarker(dir.getParent());
            case INSIDE -> anyMarker(dir);
            case UNDER_VENDOR -> dir.getParent() != null && dir.getParent().getFileName() != null
                    && dir.getParent().getFileName().toString().equals("vendor");
        };
    }

    private boolean anyMarker(Path folder) {
        for (String marker : markers) {
            if (marker.startsWith("*") ? anyWithExtension(folder, marker.substring(1))
                    : Files.isRegularFile(folder.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyWithExtension(Path folder, String extension) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                p -> p.getFileName().toString().endsWith(extension) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            return files.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
