package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageJsonTest {

    @Test
    void readsScriptsDependenciesEnginesAndLockFiles() {
        PackageJson pkg = PackageJson.parse(TestFiles.resource("package.json", "web/package.json"),
                List.of("package.json", "package-lock.json", "src"));
        assertThat(pkg.diagnostics()).isEmpty();
        assertThat(pkg.name()).contains("notes-web");
        assertThat(pkg.version()).contains("1.4.0");
        assertThat(pkg.main()).contains("src/server.js");
        assertThat(pkg.isEsModule()).isTrue();
        assertThat(pkg.packageManager()).contains("npm@10.2.0");
        assertThat(pkg.scripts()).containsOnlyKeys("start", "dev", "test");
        PackageJson.Script start = pkg.script("start").orElseThrow();
        assertThat(start.command()).isEqualTo("node src/server.js");
        assertThat(start.span().startLine()).isEqualTo(8);
        assertThat(start.span().startColumn()).isEqualTo(5);
        assertThat(pkg.script("dev").orElseThrow().span().startLine()).isEqualTo(9);

        assertThat(pkg.dependencies()).extracting(PackageJson.NpmDependency::name)
                .containsExactly("express", "pg", "lodash", "nodemon", "vitest", "fsevents", "react");
        assertThat(pkg.dependency("express").orElseThrow().span().startLine()).isEqualTo(13);
        assertThat(pkg.dependency("express").orElseThrow().isPinned()).isFalse();
        assertThat(pkg.dependency("pg").orElseThrow().isPinned()).isTrue();
        assertThat(pkg.dependency("lodash").orElseThrow().isPinned()).isTrue();
        assertThat(pkg.dependencies(PackageJson.DependencyKind.DEV_DEPENDENCIES)).hasSize(2);
        assertThat(pkg.engine("node")).contains(">=20 <21");
        assertThat(pkg.engineSpan("node").orElseThrow().startLine()).isEqualTo(23);
        assertThat(pkg.lockFiles()).containsExactly(LockFile.PACKAGE_LOCK_JSON);
        assertThat(pkg.lockedPackageManager()).contains("npm");

        Manifest m = pkg.toManifest();
        assertThat(m.ecosystem()).isEqualTo(Ecosystem.NPM);
        assertThat(m.file()).isEqualTo("web/package.json");
        assertThat(m.dependency("nodemon").orElseThrow().isDev()).isTrue();
        assertThat(m.dependency("fsevents").orElseThrow().isOptional()).isTrue();
        assertThat(m.dependency("react").orElseThrow().scope()).isEqualTo(Scope.PEER);
        assertThat(m.runtimeDependencies()).hasSize(3);
        assertThat(m.hasLockFile()).isTrue();
    }

    @Test
    void lockFileKinds() {
        String json = "{\"name\":\"x\"}";
        assertThat(PackageJson.parse(SourceFile.of("package.json", json), List.of("yarn.lock")).lockedPackageManager())
                .contains("yarn");
        assertThat(PackageJson.parse(SourceFile.of("package.json", json), List.of("pnpm-lock.yaml", "bun.lockb")).lockFiles())
                .containsExactlyInAnyOrder(LockFile.PNPM_LOCK_YAML, LockFile.BUN_LOCKB);
        assertThat(PackageJson.parse(SourceFile.of("package.json", json), List.of("npm-shrinkwrap.json")).lockFiles())
                .containsExactly(LockFile.NPM_SHRINKWRAP_JSON);
        assertThat(PackageJson.parse(SourceFile.of("package.json", json)).lockFiles()).isEmpty();
    }

    @Test
    void malformedJsonIsAPositionedError() {
        assertThatThrownBy(() -> PackageJson.parse(SourceFile.of("package.json", "{\n  \"name\": \"x\",\n  \"scripts\": {\n}")))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(((SourceException) e).line()).isEqualTo(4));
        assertThatThrownBy(() -> PackageJson.parse(SourceFile.of("package.json", "[1, 2]")))
                .isInstanceOf(SourceException.class).hasMessageContaining("object");
        assertThatThrownBy(() -> PackageJson.parse(SourceFile.of("package.json", "")))
                .isInstanceOf(SourceException.class);
    }

    @Test
    void duplicateKeysKeepTheLastAsNpmDoes() {
        PackageJson pkg = PackageJson.parse(SourceFile.of("package.json",
                "{\"scripts\": {\"start\": \"node a.js\",\n \"start\": \"node b.js\"}}"));
        assertThat(pkg.script("start").orElseThrow().command()).isEqualTo("node b.js");
        assertThat(pkg.script("start").orElseThrow().span().startLine()).isEqualTo(2);
    }

    @Test
    void wrongShapesAreWarnings() {
        PackageJson pkg = PackageJson.parse(SourceFile.of("package.json",
                "\uFEFF{\"scripts\": {\"start\": 1}, \"dependencies\": [\"a\"], \"devDependencies\": {\"b\": {}}}"));
        assertThat(pkg.diagnostics()).hasSize(3);
        assertThat(pkg.scripts()).isEmpty();
        assertThat(pkg.dependencies()).extracting(PackageJson.NpmDependency::name).containsExactly("b");
    }
}
