package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    @Test
    void kindsByName() {
        assertThat(Manifests.kindOf("requirements.txt")).contains(ManifestKind.REQUIREMENTS_TXT);
        assertThat(Manifests.kindOf("app/requirements-prod.txt")).contains(ManifestKind.REQUIREMENTS_TXT);
        assertThat(Manifests.kindOf("svc/pyproject.toml")).contains(ManifestKind.PYPROJECT_TOML);
        assertThat(Manifests.kindOf("Pipfile")).contains(ManifestKind.PIPFILE);
        assertThat(Manifests.kindOf("web/package.json")).contains(ManifestKind.PACKAGE_JSON);
        assertThat(Manifests.kindOf("pom.xml")).contains(ManifestKind.POM_XML);
        assertThat(Manifests.kindOf("build.gradle.kts")).contains(ManifestKind.GRADLE);
        assertThat(Manifests.kindOf("go.mod")).contains(ManifestKind.GO_MOD);
        assertThat(Manifests.kindOf("Gemfile")).contains(ManifestKind.GEMFILE);
        assertThat(Manifests.kindOf("Gemfile.lock")).isEmpty();
        assertThat(Manifests.kindOf("README.md")).isEmpty();
    }

    @Test
    void parsesIntoTheCommonView() {
        Manifest m = Manifests.parse(SourceFile.of("Gemfile", "gem 'rails'\n"), List.of("Gemfile.lock")).orElseThrow();
        assertThat(m.ecosystem()).isEqualTo(Ecosystem.RUBYGEMS);
        assertThat(m.lockFiles()).containsExactly(LockFile.GEMFILE_LOCK);
        Manifest gradle = Manifests.parse(SourceFile.of("build.gradle", "dependencies {\n implementation 'a:b:1'\n}\n"),
                List.of("gradle.lockfile")).orElseThrow();
        assertThat(gradle.hasDependency("a:b")).isTrue();
        assertThat(gradle.lockFiles()).containsExactly(LockFile.GRADLE_LOCKFILE);
        assertThat(Ecosystem.PYPI.normalize("Foo.Bar__baz")).isEqualTo("foo-bar-baz");
        assertThat(Ecosystem.NPM.normalize("@scope/Pkg")).isEqualTo("@scope/Pkg");
    }
}
