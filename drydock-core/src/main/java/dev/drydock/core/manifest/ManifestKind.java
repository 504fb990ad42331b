package dev.drydock.core.manifest;

/** The kinds of dependency file drydock reads, with the ecosystem each belongs to. */
public enum ManifestKind {
    REQUIREMENTS_TXT(Ecosystem.PYPI),
    PYPROJECT_TOML(Ecosystem.PYPI),
    PIPFILE(Ecosystem.PYPI),
    PACKAGE_JSON(Ecosystem.NPM),
    POM_XML(Ecosystem.MAVEN),
    GRADLE(Ecosystem.MAVEN),
    GO_MOD(Ecosystem.GO),
    GEMFILE(Ecosystem.RUBYGEMS),
    COMPOSER_JSON(Ecosystem.PACKAGIST),
    CARGO_TOML(Ecosystem.CRATES),
    /** {@code *.csproj}, {@code *.fsproj}, {@code *.vbproj}. */
    DOTNET_PROJECT(Ecosystem.NUGET),
    /** {@code Directory.Packages.props}: the versions of central package management. */
    DOTNET_PACKAGES_PROPS(Ecosystem.NUGET),
    MIX_EXS(Ecosystem.HEX);

    private final Ecosystem ecosystem;

    ManifestKind(Ecosystem ecosystem) {
        this.ecosystem = ecosystem;
    }

    public Ecosystem ecosystem() {
        return ecosystem;
    }
}
