package dev.drydock.core.app;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.dotenv.DotEnvParser;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeEnvVar;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DevelopmentStages;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The variables that choose a Spring Boot application's profiles ({@code SPRING_PROFILES_ACTIVE}, {@code _INCLUDE},
 * {@code _DEFAULT}, {@code _GROUP_<name>}), an ASP.NET Core application's environment
 * ({@code ASPNETCORE_ENVIRONMENT}, {@code DOTNET_ENVIRONMENT}) and a Django project's settings module
 * ({@code DJANGO_SETTINGS_MODULE}, which cookiecutter-django's production env file sets) as the way the container runs sets them beyond its
 * command's environment:
 * a compose service's {@code env_file}s (below its {@code environment}), and for an image no compose service runs,
 * the {@code env} of the Kubernetes containers that run it; both win over the image's {@code ENV}. When those
 * containers disagree, the profiles are left unknown.
 */
final class DeployedProfiles {

    private static final String PREFIX = "SPRING_PROFILES_";
    private static final List<String> ENVIRONMENTS = List.of("ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
            "DJANGO_SETTINGS_MODULE");

    private DeployedProfiles() {}

    /**
     * The environment with the profile variables the deployment sets over the image's: an env_file's under the
     * service's own {@code environment}, a Kubernetes container's {@code env}.
     */
    static Map<String, String> with(Project project, Container c, Map<String, String> env) {
        Map<String, String> added = c.service() != null ? envFiles(project, c.service())
                : c.build() == null ? Map.of() : kubernetes(project, c.build());
        if (added.isEmpty()) {
            return env;
        }
        Map<String, String> out = new HashMap<>(env);
        out.putAll(added);
        return out;
    }

    private static Map<String, String> envFiles(Project project, Service service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Service.EnvFile f : service.envFiles()) {
            String path = f.path() == null ? null : projectPath(project, f.path());
            SourceFile file = path == null ? null : project.source(path).orElse(null);
            if (file == null) {
                continue;
            }
            try {
                for (DotEnvEntry e : DotEnvParser.of(file).entries()) {
                    if (chooses(e.key()) && e.value() != null && !written(service, e.key())) {
                        out.put(e.key(), e.value());
                    }
                }
            } catch (RuntimeException e) {
                // an env file drydock cannot read adds nothing it can tell
            }
        }
        return out;
    }

    private static boolean written(Service service, String name) {
        return service.environment().stream().anyMatch(v -> v.name().equals(name));
    }

    private static Map<String, String> kubernetes(Project project, BuildLink build) {
        Map<String, String> agreed = null;
        for (KubeWorkload w : project.kubernetesWorkloads()) {
            for (KubeContainer k : w.containers()) {
                if (k.init() || !build.dockerfile().equals(k.dockerfile()) || !runsStage(k, build)) {
                    continue;
                }
                Map<String, String> set = new LinkedHashMap<>();
                for (String name : k.environment()) {
                    if (chooses(name)) {
                        KubeEnvVar v = k.value(name);
                        set.put(name, v == null ? unknown(name) : v.value()); // valueFrom: a ConfigMap's or Secret's
                    }
                }
                if (agreed == null) {
                    agreed = set;
                } else if (!agreed.equals(set)) {
                    return disagreement(agreed, set);
                }
            }
        }
        return agreed == null ? Map.of() : agreed;
    }

    /** Whether the variable chooses the profiles or the environment. */
    private static boolean chooses(String name) {
        return name.startsWith(PREFIX) || ENVIRONMENTS.contains(name);
    }

    /** A value the readers take for a placeholder: the profiles or the environment cannot be told. */
    private static String unknown(String name) {
        return "${" + (name.startsWith(PREFIX) ? "SPRING_PROFILES_ACTIVE" : name) + "}";
    }

    /** What containers that set different values leave known: nothing of the variables either sets. */
    private static Map<String, String> disagreement(Map<String, String> one, Map<String, String> other) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : Stream.concat(one.keySet().stream(), other.keySet().stream()).toList()) {
            if (!Objects.equals(one.get(name), other.get(name))) {
                out.put(name.startsWith(PREFIX) ? "SPRING_PROFILES_ACTIVE" : name, unknown(name));
            }
        }
        return out;
    }

    private static boolean runsStage(KubeContainer k, BuildLink build) {
        if (build.model() == null || build.stage() == null || build.model().stages().size() < 2) {
            return true;
        }
        return k.stage() != null ? k.stage() == build.stage().index() : !DevelopmentStages.named(build.stage().name());
    }

    private static String projectPath(Project project, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(project.root())
                ? PathNames.normalizeRelative(project.root().relativize(abs).toString().replace('\\', '/')) : null;
    }
}
