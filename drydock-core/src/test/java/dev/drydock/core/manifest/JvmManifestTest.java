package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

class JvmManifestTest {

    @Test
    void pomWithSpringBootParent() {
        PomXml pom = PomXml.parse(TestFiles.resource("pom.xml", "pom.xml"));
        assertThat(pom.diagnostics()).isEmpty();
        assertThat(pom.groupId()).contains("com.example");
        assertThat(pom.artifactId()).contains("orders");
        assertThat(pom.version()).contains("0.0.1-SNAPSHOT");
        assertThat(pom.packaging()).isEqualTo("jar");
        assertThat(pom.span("artifactId").orElseThrow().startLine()).isEqualTo(11);
        PomXml.Parent parent = pom.parent().orElseThrow();
        assertThat(parent.artifactId()).isEqualTo("spring-boot-starter-parent");
        assertThat(parent.version()).isEqualTo("3.2.4");
        assertThat(parent.span().startLine()).isEqualTo(4);
        assertThat(parent.span().endLine()).isEqualTo(9);
        assertThat(pom.isSpringBoot()).isTrue();
        assertThat(pom.javaVersion()).contains("21");
        assertThat(pom.property("jjwt.version")).contains("0.12.5");
        assertThat(pom.properties().get("java.version").span().startLine()).isEqualTo(15);

        assertThat(pom.dependencies()).extracting(PomXml.MavenDependency::artifactId)
                .containsExactly("spring-boot-starter-web", "jjwt-api", "postgresql", "spring-boot-starter-test");
        PomXml.MavenDependency web = pom.dependency("org.springframework.boot", "spring-boot-starter-web").orElseThrow();
        assertThat(web.span().startLine()).isEqualTo(19);
        assertThat(web.span().startColumn()).isEqualTo(5);
        assertThat(web.span().endLine()).isEqualTo(22);
        assertThat(web.isPinned()).isFalse();
        PomXml.MavenDependency jjwt = pom.dependency("io.jsonwebtoken", "jjwt-api").orElseThrow();
        assertThat(jjwt.version()).isEqualTo("${jjwt.version}");
        assertThat(jjwt.resolvedVersion()).isEqualTo("0.12.5");
        assertThat(jjwt.isPinned()).isTrue();
        assertThat(pom.dependency("org.postgresql", "postgresql").orElseThrow().scope()).isEqualTo("runtime");
        assertThat(pom.managedDependencies()).singleElement().satisfies(d -> {
            assertThat(d.scope()).isEqualTo("import");
            assertThat(d.isPinned()).isFalse();
        });
        assertThat(pom.plugins()).extracting(PomXml.Plugin::groupId, PomXml.Plugin::artifactId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("org.springframework.boot", "spring-boot-maven-plugin"),
                org.assertj.core.groups.Tuple.tuple("org.apache.maven.plugins", "maven-surefire-plugin"));
        assertThat(pom.plugin("spring-boot-maven-plugin").orElseThrow().span().startLine()).isEqualTo(52);
        assertThat(pom.plugin("maven-surefire-plugin").orElseThrow().version()).isEqualTo("3.2.5");

        Manifest m = pom.toManifest();
        assertThat(m.ecosystem()).isEqualTo(Ecosystem.MAVEN);
        assertThat(m.hasDependency("org.postgresql:postgresql")).isTrue();
        assertThat(m.dependency("org.springframework.boot:spring-boot-starter-test").orElseThrow().scope()).isEqualTo(Scope.TEST);
    }

    @Test
    void malformedPomIsPositioned() {
        assertThatThrownBy(() -> PomXml.parse(SourceFile.of("pom.xml", "<project>\n  <artifactId>x</artifactId>\n  <oops>\n</project>")))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(((SourceException) e).line()).isEqualTo(4));
        assertThatThrownBy(() -> PomXml.parse(SourceFile.of("pom.xml",
                "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><project>&x;</project>")))
                .isInstanceOf(SourceException.class);
    }

    @Test
    void finalNameIsTheBuildsOwnNotAPluginsOrAProfiles() {
        PomXml pom = PomXml.parse(SourceFile.of("pom.xml", """
                <project>
                  <artifactId>shop</artifactId>
                  <profiles><profile><build><finalName>shop-native</finalName></build></profile></profiles>
                  <build>
                    <plugins><plugin><artifactId>maven-assembly-plugin</artifactId>
                      <configuration><finalName>bundle</finalName></configuration></plugin></plugins>
                    <finalName>${project.artifactId}-app</finalName>
                  </build>
                </project>
                """));
        assertThat(pom.finalName()).contains("${project.artifactId}-app");
        assertThat(pom.resolve(pom.finalName().get())).isEqualTo("shop-app");
        assertThat(PomXml.parse(SourceFile.of("pom.xml", "<project><artifactId>a</artifactId></project>")).finalName()).isEmpty();
    }

    @Test
    void gradleGroovy() {
        GradleBuild g = GradleBuild.parse(TestFiles.resource("build.gradle", "build.gradle"));
        assertThat(g.plugins()).extracting(GradleBuild.GradlePlugin::id)
                .containsExactly("java", "org.springframework.boot", "io.spring.dependency-management", "application");
        assertThat(g.plugin("org.springframework.boot").orElseThrow().version()).isEqualTo("3.2.4");
        assertThat(g.plugin("org.springframework.boot").orElseThrow().span().startLine()).isEqualTo(3);
        assertThat(g.isSpringBoot()).isTrue();
        assertThat(g.isApplication()).isTrue();
        assertThat(g.mainClass()).contains("com.example.orders.OrdersApplication");
        assertThat(g.javaVersion()).contains("21");
        assertThat(g.dependencies()).extracting(GradleBuild.GradleDependency::coordinates).containsExactly(
                "org.springframework.boot:spring-boot-starter-web", "com.google.guava:guava", "org.postgresql:postgresql",
                "org.springframework.boot:spring-boot-starter-test");
        assertThat(g.dependency("com.google.guava", "guava").orElseThrow().isPinned()).isTrue();
        assertThat(g.dependency("com.google.guava", "guava").orElseThrow().span().startLine()).isEqualTo(20);
        assertThat(g.dependency("org.postgresql", "postgresql").orElseThrow().isPinned()).isFalse();
        assertThat(g.toManifest().dependency("org.springframework.boot:spring-boot-starter-test").orElseThrow().scope())
                .isEqualTo(Scope.TEST);
    }

    @Test
    void gradleKotlin() {
        GradleBuild g = GradleBuild.parse(TestFiles.resource("build.gradle.kts", "build.gradle.kts"));
        assertThat(g.isKotlinDsl()).isTrue();
        assertThat(g.plugins()).extracting(GradleBuild.GradlePlugin::id)
                .containsExactly("org.jetbrains.kotlin.jvm", "org.springframework.boot", "java-library");
        assertThat(g.javaVersion()).contains("17");
        assertThat(g.isApplication()).isFalse();
        assertThat(g.dependencies()).extracting(GradleBuild.GradleDependency::name)
                .containsExactly("spring-boot-dependencies", "kotlin-reflect", "junit-jupiter");
        assertThat(g.dependency("org.junit.jupiter", "junit-jupiter").orElseThrow().version()).isEqualTo("5.10.2");
    }
}
