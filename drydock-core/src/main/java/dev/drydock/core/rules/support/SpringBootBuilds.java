package dev.drydock.core.rules.support;

import dev.drydock.core.manifest.GradleBuild;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PomXml;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring Boot release a container's build uses, read from its build file: the pom's
 * spring-boot-starter-parent (or spring-boot-dependencies) parent, the spring-boot-maven-plugin's version or the
 * spring-boot-dependencies BOM it imports; the version of Gradle's org.springframework.boot plugin.
 */
public final class SpringBootBuilds {

    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[.-][\\w.-]+)?");
    /** The build asks for the launcher of Spring Boot 3.1 and earlier ({@code loaderImplementation} CLASSIC). */
    private static final Pattern CLASSIC_LOADER = Pattern.compile("(?i)loaderImplementation[^\\n]*CLASSIC");

    /**
     * One Spring Boot build.
     *
     * @param file the build file
     * @param version the release as written (3.3.4, 3.2.0-RC1)
     * @param major the release's major number
     * @param minor the release's minor number
     * @param classicLoader whether the build packages the launcher of Spring Boot 3.1 and earlier
     */
    public record Build(String file, String version, int major, int minor, boolean classicLoader) {

        /** Whether the launcher classes are in org.springframework.boot.loader.launch (Spring Boot 3.2 and later). */
        public boolean launchPackage() {
            return !classicLoader && (major > 3 || major == 3 && minor >= 2);
        }
    }

    private SpringBootBuilds() {}

    /** The Spring Boot build of the container's build context; empty when there is none or more than one. */
    public static Optional<Build> of(ReviewContext context, Container c) {
        List<Build> found = c.manifests().stream().map(m -> read(context, m)).flatMap(Optional::stream).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static Optional<Build> read(ReviewContext context, Manifest m) {
        if (m.kind() != ManifestKind.POM_XML && m.kind() != ManifestKind.GRADLE) {
            return Optional.empty();
        }
        var file = context.project().source(m.file()).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        String version = m.kind() == ManifestKind.POM_XML
                ? ManifestSyntax.pom(context, m).map(SpringBootBuilds::pomVersion).orElse(null)
                : ManifestSyntax.gradle(context, m).flatMap(b -> b.plugin("org.springframework.boot"))
                        .map(GradleBuild.GradlePlugin::version).orElse(null);
        Matcher release = version == null ? null : RELEASE.matcher(version.strip());
        if (release == null || !release.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Build(m.file(), version.strip(), Integer.parseInt(release.group(1)),
                Integer.parseInt(release.group(2)), CLASSIC_LOADER.matcher(file.text()).find()));
    }

    private static String pomVersion(PomXml pom) {
        var parent = pom.parent().orElse(null);
        if (parent != null && "org.springframework.boot".equals(parent.groupId())) {
            return pom.resolve(parent.version());
        }
        var plugin = pom.plugin("spring-boot-maven-plugin").orElse(null);
        if (plugin != null && plugin.version() != null) {
            return pom.resolve(plugin.version());
        }
        return pom.managedDependencies().stream()
                .filter(d -> "org.springframework.boot".equals(d.groupId())
                        && "spring-boot-dependencies".equals(d.artifactId()))
                .map(d -> pom.resolve(d.version())).findFirst().orElse(null);
    }
}
