package dev.drydock.core.manifest;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Recognises manifest files by name and reads any of them into the common {@link Manifest} view. */
public final class Manifests {

    private Manifests() {}

    /** The kind of manifest a file name denotes (by its last path element), if any. */
    public static Optional<ManifestKind> kindOf(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return Optional.ofNullable(switch (base) {
            case "pyproject.toml" -> ManifestKind.PYPROJECT_TOML;
            case "Pipfile" -> ManifestKind.PIPFILE;
            case "package.json" -> ManifestKind.PACKAGE_JSON;
            case "pom.xml" -> ManifestKind.POM_XML;
            case "build.gradle", "build.gradle.kts" -> ManifestKind.GRADLE;
            case "go.mod" -> ManifestKind.GO_MOD;
            case "Gemfile" -> ManifestKind.GEMFILE;
            case "composer.json" -> ManifestKind.COMPOSER_JSON;
            case "Cargo.toml" -> ManifestKind.CARGO_TOML;
            case "Directory.Packages.props" -> ManifestKind.DOTNET_PACKAGES_PROPS;
            case "mix.exs" -> ManifestKind.MIX_EXS;
            default -> RequirementsTxt.isRequirementsFileName(path) ? ManifestKind.REQUIREMENTS_TXT
                    : MsBuildProject.isProjectFileName(base) ? ManifestKind.DOTNET_PROJECT : null;
        });
    }

    /**
     * Reads {@code file} as a manifest of {@code kind}. {@code siblings} are the entries of the
     * file's folder (names or paths), used to tell which lock files exist; the disk is not read.
     *
     * @throws SourceException when the file is not valid JSON, TOML or XML (positioned); other
     *     problems are the manifest's diagnostics
     */
    public static Manifest parse(ManifestKind kind, SourceFile file, Collection<String> siblings) {
        return parse(kind, file, siblings, path -> Optional.empty());
    }

    /**
     * Reads {@code file} as a manifest of {@code kind}, with {@code source} giving the text of other project files by
     * path (empty when there is none): a Gradle build's dependencies may come from its version catalog.
     */
    public static Manifest parse(ManifestKind kind, SourceFile file, Collection<String> siblings,
            Function<String, Optional<SourceFile>> source) {
        Collection<String> names = siblings == null ? List.of() : siblings;
        return switch (kind) {
            case REQUIREMENTS_TXT -> RequirementsTxt.parse(file).toManifest(names);
            case PYPROJECT_TOML -> PyProject.parse(file, names).toManifest();
            case PIPFILE -> Pipfile.parse(file, names).toManifest();
            case PACKAGE_JSON -> PackageJson.parse(file, names).toManifest();
            case POM_XML -> PomXml.parse(file).toManifest();
            case GRADLE -> withLocks(GradleBuild.parse(file, source).toManifest(), names);
            case GO_MOD -> GoMod.parse(file, names).toManifest();
            case GEMFILE -> Gemfile.parse(file, names).toManifest();
            case COMPOSER_JSON -> ComposerJson.parse(file, names).toManifest();
            case CARGO_TOML -> CargoToml.parse(file, names).toManifest();
            case DOTNET_PROJECT, DOTNET_PACKAGES_PROPS -> MsBuildProject.parse(file, names).toManifest(kind);
            case MIX_EXS -> MixExs.parse(file, names).toManifest();
        };
    }

    /** Reads {@code file} by the kind its name denotes; empty when the name is no manifest's. */
    public static Optional<Manifest> parse(SourceFile file, Collection<String> siblings) {
        return kindOf(file.path()).map(kind -> parse(kind, file, siblings));
    }

    private static Manifest withLocks(Manifest m, Collection<String> names) {
        return new Manifest(m.ecosystem(), m.kind(), m.file(), m.dependencies(), LockFile.among(names, m.ecosystem()),
                m.diagnostics());
    }
}
