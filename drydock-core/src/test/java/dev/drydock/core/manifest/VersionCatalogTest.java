package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionCatalogTest {

    private static final SourceFile CATALOG = SourceFile.of("gradle/libs.versions.toml", """
            [versions]
            ktor = "3.0.3"
            boot = { strictly = "3.4.1" }

            [libraries]
            ktor-server-netty = { module = "io.ktor:ktor-server-netty", version.ref = "ktor" }
            ktor_server_core = { group = "io.ktor", name = "ktor-server-core", version.ref = "ktor" }
            logback = "ch.qos.logback:logback-classic:1.5.12"
            quarkus-rest = { module = "io.quarkus:quarkus-rest" }

            [bundles]
            ktor = ["ktor-server-core", "ktor-server-netty"]

            [plugins]
            spring-boot = { id = "org.springframework.boot", version.ref = "boot" }
            shadow = "com.gradleup.shadow:8.3.5"
            """);

    @Test
    void resolvesLibrariesBundlesAndPluginsByTheirAccessors() {
        VersionCatalog catalog = VersionCatalog.parse(CATALOG);
        assertThat(catalog.library("ktor.server.netty")).contains(
                new VersionCatalog.Library("io.ktor", "ktor-server-netty", "3.0.3"));
        assertThat(catalog.library("ktor.server.core")).isPresent();
        assertThat(catalog.library("logback")).contains(
                new VersionCatalog.Library("ch.qos.logback", "logback-classic", "1.5.12"));
        assertThat(catalog.library("quarkus.rest").orElseThrow().version()).isNull();
        assertThat(catalog.bundle("ktor")).extracting(VersionCatalog.Library::name)
                .containsExactly("ktor-server-core", "ktor-server-netty");
        assertThat(catalog.plugin("spring.boot")).contains(new VersionCatalog.Plugin("org.springframework.boot", "3.4.1"));
        assertThat(catalog.plugin("shadow")).contains(new VersionCatalog.Plugin("com.gradleup.shadow", "8.3.5"));
    }

    @Test
    void buildFileOfASubprojectReadsTheRootCatalog() {
        SourceFile build = SourceFile.of("service/build.gradle.kts", """
                plugins {
                    alias(libs.plugins.spring.boot)
                    alias(libs.plugins.shadow) apply false
                }
                dependencies {
                    implementation(libs.bundles.ktor)
                    implementation(platform(libs.quarkus.rest))
                    testImplementation(libs.logback)
                    implementation(libs.unknown.thing)
                }
                """);
        Map<String, SourceFile> files = Map.of(CATALOG.path(), CATALOG);
        GradleBuild g = GradleBuild.parse(build, path -> Optional.ofNullable(files.get(path)));
        assertThat(g.plugins()).extracting(GradleBuild.GradlePlugin::id).containsExactly("org.springframework.boot");
        assertThat(g.isSpringBoot()).isTrue();
        assertThat(g.dependencies()).extracting(d -> d.configuration() + " " + d.coordinates()).containsExactly(
                "implementation io.ktor:ktor-server-core", "implementation io.ktor:ktor-server-netty",
                "implementation io.quarkus:quarkus-rest", "testImplementation ch.qos.logback:logback-classic");
        assertThat(g.dependencies().get(0).span().startLine()).isEqualTo(6);
    }

    @Test
    void withoutACatalogLibsReferencesAddNothing() {
        SourceFile build = SourceFile.of("build.gradle", "dependencies {\n    implementation libs.logback\n}\n");
        assertThat(GradleBuild.parse(build, path -> Optional.empty()).dependencies()).isEmpty();
    }
}
