package dev.drydock.core.rules.context;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EmptyInterpolation;
import dev.drydock.core.rules.support.EnvFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application image that signs or encrypts with a key of its own source when its secret-key variable is not
 * given: the default-secret fallback written in the image instead of the compose file.
 *
 * @param application for messages
 * @param variable the variable that replaces the built-in key
 * @param builtIn the built-in key, shown redacted
 * @param source where the image holds it
 * @param emptyFallsBack whether an empty value also leaves the built-in key in place (otherwise it stops the start)
 * @param protects what the key protects, for messages
 */
record BuiltInSecretKey(String application, String variable, String builtIn, String source, boolean emptyFallsBack,
        String protects) {

    /** Paperless-ngx: {@code os.getenv("PAPERLESS_SECRET_KEY", "e11f...")}; an empty value makes Django refuse to start. */
    private static final BuiltInSecretKey PAPERLESS = new BuiltInSecretKey("Paperless-ngx", "PAPERLESS_SECRET_KEY",
            "e11fl1oa-*ytql8p)(06fbj4ukrlo+n7k&q5+$1md7i+mge=ee", "its settings.py", false,
            "Django signs password-reset links, signed cookies and other signed values with it");

    /** Grafana: {@code secret_key} of defaults.ini; an empty GF_ variable does not override a setting. */
    private static final BuiltInSecretKey GRAFANA = new BuiltInSecretKey("Grafana", "GF_SECURITY_SECRET_KEY",
            "SW2YcwTIb9zpOOhoPsMm", "its defaults.ini", true,
            "Grafana encrypts the data source passwords and tokens it stores in its database with it");

    private static final Map<String, BuiltInSecretKey> IMAGES = Map.of(
            "ghcr.io/paperless-ngx/paperless-ngx", PAPERLESS, "paperlessngx/paperless-ngx", PAPERLESS,
            "grafana/grafana", GRAFANA, "grafana/grafana-oss", GRAFANA, "grafana/grafana-enterprise", GRAFANA);

    /** A service that runs with the built-in key: why (unset, or empty and why), where to point. */
    record Use(Service service, BuiltInSecretKey key, String image, String why, Service.EnvVar entry, List<String> ports) {}

    static Optional<Use> of(Project project, ComposeProject compose, Service service) {
        Optional<ImageReference> image = ComposeServices.pulledImage(service);
        BuiltInSecretKey key = image.map(ImageReference::familiarName).map(IMAGES::get).orElse(null);
        List<String> ports = published(service);
        if (key == null || ports.isEmpty() || service.entrypoint() != null) {
            return Optional.empty();
        }
        Optional<Service.EnvVar> entry = service.env(key.variable());
        if (fromFile(service, key) || entry.isPresent() && entry.get().value() == null) {
            return Optional.empty(); // a secret file, or `- NAME` taken from the shell
        }
        String written = service.image().value();
        if (entry.isPresent()) {
            Service.EnvVar env = entry.get();
            Optional<String> empty = EmptyInterpolation.why(project, compose, env);
            boolean literalEmpty = env.value().value() != null && env.value().value().isEmpty()
                    && env.value().node() instanceof ScalarNode s && s.substitutions().isEmpty();
            if (!key.emptyFallsBack() || empty.isEmpty() && !literalEmpty) {
                return Optional.empty();
            }
            return Optional.of(new Use(service, key, written,
                    empty.map(w -> key.variable() + " is empty (" + w + ")").orElse(key.variable() + " is empty"),
                    env, ports));
        }
        Optional<Boolean> inFiles = envFilesSet(project, service, key);
        if (inFiles.isEmpty() || inFiles.get()) {
            return Optional.empty();
        }
        return Optional.of(new Use(service, key, written, "nothing in its environment or env files sets "
                + key.variable(), null, ports));
    }

    private static boolean fromFile(Service service, BuiltInSecretKey key) {
        return service.env(key.variable() + "_FILE").isPresent() || service.env(key.variable() + "__FILE").isPresent();
    }

    /** Whether the service's env files set the variable (or its _FILE); empty when one is not in the project. */
    private static Optional<Boolean> envFilesSet(Project project, Service service, BuiltInSecretKey key) {
        for (Service.EnvFile f : service.envFiles()) {
            String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
            if (path == null || project.source(path).isEmpty()) {
                return Optional.empty();
            }
            for (DotEnvEntry e : EnvFiles.entries(project, path)) {
                if (e.key().equals(key.variable()) && (e.inherited() || !key.emptyFallsBack()
                        || e.rawValue() != null && !e.rawValue().isEmpty())
                        || e.key().equals(key.variable() + "_FILE") || e.key().equals(key.variable() + "__FILE")) {
                    return Optional.of(true);
                }
            }
        }
        return Optional.of(false);
    }

    private static List<String> published(Service service) {
        List<String> ports = new ArrayList<>();
        for (Service.Port p : service.ports()) {
            if (p.published() != null && !p.published().isEmpty()) {
                ports.add(p.published() + (p.hostIp() == null || p.hostIp().isEmpty() ? "" : " on " + p.hostIp()));
            }
        }
        return ports;
    }
}
