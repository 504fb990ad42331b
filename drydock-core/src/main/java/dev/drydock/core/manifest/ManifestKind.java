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
    GEMFILE(Ecosystem.RUBYGEMS);

    private final Ecosystem ecosystem;

    ManifestKind(Ecosystem ecosystem) {
        this.ecosystem = ecosystem;
    }

    public Ecosystem ecosystem() {
        return ecosystem;
    }
}
