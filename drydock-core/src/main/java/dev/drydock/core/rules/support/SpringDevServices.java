package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Project;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The compose files Spring Boot's Docker Compose support starts beside an application run from the
 * build ({@code spring-boot-docker-compose}, which start.spring.io adds with a {@code compose.yaml} of
 * backing services): the default compose file in the folder of a Maven or Gradle build that declares
 * that module, when none of its services is built from the project. The module is a development-time
 * dependency (optional in Maven, developmentOnly in Gradle) and is skipped in tests, so the file serves
 * developers' machines, as a compose.override.yml does.
 */
public final class SpringDevServices {

    private static final String MODULE = "org.springframework.boot:spring-boot-docker-compose";
    private static final Set<String> DEFAULT_FILES = Set.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml");

    private SpringDevServices() {}

    /** The paths of the compose files that only provide Spring Boot's development services. */
    public static Set<String> files(Project project) {
        Set<String> folders = new HashSet<>();
        for (Manifest m : project.manifests()) {
            if ((m.kind() == ManifestKind.POM_XML || m.kind() == ManifestKind.GRADLE) && m.dependencies().stream()
                    .map(Dependency::name).anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(MODULE))) {
                folders.add(PathNames.parent(m.file()));
            }
        }
        Set<String> out = new HashSet<>();
        if (folders.isEmpty()) {
            return out;
        }
        for (ComposeProject compose : project.composeProjects()) {
            if (compose.services().values().stream().anyMatch(s -> s.build() != null)) {
                continue;
            }
            for (ComposeFile file : compose.files()) {
                String path = file.displayPath();
                if (DEFAULT_FILES.contains(PathNames.fileName(path)) && folders.contains(PathNames.parent(path))) {
                    out.add(path);
                }
            }
        }
        return out;
    }
}
