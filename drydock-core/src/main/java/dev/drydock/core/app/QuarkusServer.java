package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port a Quarkus application's HTTP server listens on, in JVM mode ({@code quarkus-run.jar}) or built into a
 * native executable ({@code target/*-runner}): {@code quarkus.http.port} of the prod profile ({@code %prod.} over the
 * plain key) from {@code application.properties} or {@code application.yaml}, {@code QUARKUS_HTTP_PORT} above them
 * and the command's {@code -Dquarkus.http.port} above all; 8080 when nothing sets it. Only for an application with an
 * extension that starts the HTTP server (REST, reactive routes, SmallRye Health ...): a scheduler or messaging worker
 * serves nothing.
 */
final class QuarkusServer {

    private static final String KEY = "quarkus.http.port";
    private static final int DEFAULT_PORT = 8080;
    /** Extensions that bring the Vert.x HTTP server, besides every REST server extension. */
    private static final Set<String> HTTP_EXTENSIONS = Set.of("quarkus-vertx-http", "quarkus-reactive-routes",
            "quarkus-undertow", "quarkus-smallrye-health", "quarkus-smallrye-openapi", "quarkus-spring-web",
            "quarkus-websockets", "quarkus-websockets-next", "quarkus-funqy-http", "quarkus-smallrye-graphql",
            "quarkus-micrometer-registry-prometheus");

    private QuarkusServer() {}

    /** The HTTP server, or empty when the project is no Quarkus application that serves HTTP. */
    static Optional<ServerCall> of(List<Manifest> manifests, SourceSet files, Map<String, String> env,
            Map<String, String> containerEnv) {
        Manifest quarkus = manifests.stream().filter(QuarkusServer::servesHttp).findFirst().orElse(null);
        if (quarkus == null) {
            return Optional.empty();
        }
        String dir = PathNames.parent(quarkus.file());
        List<ConfiguredPort.Config> config = new ArrayList<>(ConfiguredPort.read(PathNames.join(dir, "src/main/resources"),
                List.of("application.yaml", "application.yml", "application.properties"), files));
        config.addAll(ConfiguredPort.read(PathNames.join(dir, "config"), List.of("application.properties"), files));
        String profile = env.getOrDefault("QUARKUS_PROFILE",
                ConfiguredPort.value(config, "quarkus.profile").orElse("prod")).strip();
        if (profile.contains("$") || profile.contains(",")) {
            return Optional.of(new ServerCall("Quarkus' HTTP server", KEY, false, false, null, 0, null, null, null,
                    null, null));
        }
        return Optional.of(ConfiguredPort.of("Quarkus' HTTP server", List.of("%" + profile + "." + KEY, KEY), config,
                env, containerEnv, DEFAULT_PORT));
    }

    private static boolean servesHttp(Manifest m) {
        if (m.kind() != ManifestKind.POM_XML && m.kind() != ManifestKind.GRADLE) {
            return false;
        }
        for (Dependency d : m.dependencies()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (!name.startsWith("io.quarkus:") || d.isDev()) {
                continue;
            }
            String artifact = name.substring(name.indexOf(':') + 1);
            if (HTTP_EXTENSIONS.contains(artifact) || (artifact.startsWith("quarkus-rest")
                    && !artifact.contains("client"))) {
                return true;
            }
        }
        return false;
    }
}
