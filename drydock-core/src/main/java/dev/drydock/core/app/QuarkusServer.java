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
    private static final String SSL_KEY = "quarkus.http.ssl-port";
    private static final int DEFAULT_SSL_PORT = 8443;
    private static final String INSECURE = "quarkus.http.insecure-requests";
    private static final List<String> CERTIFICATE_KEYS = List.of("quarkus.http.ssl.certificate.",
            "quarkus.http.tls-configuration-name", "quarkus.tls.key-store.");
    /** Extensions that bring the Vert.x HTTP server, besides every REST server extension. */
    private static final Set<String> HTTP_EXTENSIONS = Set.of("quarkus-vertx-http", "quarkus-reactive-routes",
            "quarkus-undertow", "quarkus-smallrye-health", "quarkus-smallrye-openapi", "quarkus-spring-web",
            "quarkus-websockets", "quarkus-websockets-next", "quarkus-funqy-http", "quarkus-smallrye-graphql",
            "quarkus-micrometer-registry-prometheus");

    private QuarkusServer() {}

    /**
     * The HTTP server, with the HTTPS server beside it when a certificate is configured; only the HTTPS server when
     * quarkus.http.insecure-requests is disabled. Empty when the project is no Quarkus application that serves HTTP.
     */
    static List<ServerCall> of(List<Manifest> manifests, SourceSet files, Map<String, String> env,
            Map<String, String> containerEnv) {
        Manifest quarkus = manifests.stream().filter(QuarkusServer::servesHttp).findFirst().orElse(null);
        if (quarkus == null) {
            return List.of();
        }
        String dir = PathNames.parent(quarkus.file());
        List<ConfiguredPort.Config> config = new ArrayList<>(ConfiguredPort.read(PathNames.join(dir, "src/main/resources"),
                List.of("application.yaml", "application.yml", "application.properties"), files));
        config.addAll(ConfiguredPort.read(PathNames.join(dir, "config"), List.of("application.properties"), files));
        String profile = env.getOrDefault("QUARKUS_PROFILE",
                ConfiguredPort.value(config, "quarkus.profile").orElse("prod")).strip();
        if (profile.contains("$") || profile.contains(",")) {
            return List.of(new ServerCall("Quarkus' HTTP server", KEY, false, false, null, 0, null, null, null,
                    null, null));
        }
        ServerCall http = ConfiguredPort.of("Quarkus' HTTP server", List.of("%" + profile + "." + KEY, KEY), config,
                env, containerEnv, DEFAULT_PORT);
        if (ConfiguredPort.JAVA_OPTION_VARIABLES.stream().map(env::get).anyMatch(v -> v != null && (v.contains("quarkus.http.ssl")
                || v.contains("quarkus.tls") || v.contains("quarkus.http.insecure")))) {
            return List.of(http); // a launch script passes TLS settings to java: drydock does not follow the script
        }
        String insecure = setting(config, env, profile, INSECURE).map(s -> s.value()).orElse("enabled").strip();
        String certificate = certificate(config, env, profile).orElse(null);
        if (insecure.contains("$")) {
            return List.of(http);
        }
        if (certificate == null) {
            return List.of(insecure.equalsIgnoreCase("disabled") ? http
                    : http.withTls(new ServerCall.Tls(false, "no TLS certificate configured")));
        }
        ServerCall https = ConfiguredPort.of("Quarkus' HTTPS server", List.of("%" + profile + "." + SSL_KEY, SSL_KEY),
                config, env, containerEnv, DEFAULT_SSL_PORT).withTls(new ServerCall.Tls(true, certificate));
        if (insecure.equalsIgnoreCase("disabled")) {
            return List.of(https);
        }
        return List.of(http.withTls(new ServerCall.Tls(false, "quarkus.http.port takes plain HTTP beside the HTTPS"
                + " port" + (insecure.equalsIgnoreCase("redirect") ? ", redirecting it there" : ""))), https);
    }

    /** A setting as written: {@code quarkus.http.ssl.certificate.files=... in application.properties:4}. */
    private record Written(String value, String where) {}

    /**
     * The setting of {@code key} for the profile: the command's or the container's variable, else the file of highest
     * precedence with the profile's key ({@code %prod.}) over the plain one.
     */
    private static Optional<Written> setting(List<ConfiguredPort.Config> config, Map<String, String> env,
            String profile, String key) {
        String variable = ConfiguredPort.variable(key);
        if (env.containsKey(variable)) {
            return Optional.of(new Written(env.get(variable), variable + "=" + env.get(variable).strip()));
        }
        for (String k : List.of("%" + profile + "." + key, key)) {
            Written found = null;
            for (ConfiguredPort.Config c : config) {
                if (c.values().containsKey(k)) {
                    found = new Written(c.values().get(k), k + "=" + c.values().get(k).strip() + " in " + c.path() + ":"
                            + c.lines().getOrDefault(k, 1));
                }
            }
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /**
     * Where the HTTP server is given a certificate, which opens the HTTPS port: quarkus.http.ssl.certificate.*
     * (files, key-files, key-store-file), a named TLS configuration (quarkus.http.tls-configuration-name) or the
     * TLS registry's default key store (quarkus.tls.key-store.*); in the profile's keys, the plain ones, or the
     * variables they bind from.
     */
    private static Optional<String> certificate(List<ConfiguredPort.Config> config, Map<String, String> env,
            String profile) {
        for (String variable : env.keySet().stream().sorted().toList()) {
            String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
            if (CERTIFICATE_KEYS.stream().anyMatch(k -> property.startsWith(k.replace('-', '.')))) {
                return Optional.of(variable + " in its environment");
            }
        }
        String prefix = "%" + profile + ".";
        for (ConfiguredPort.Config c : config) {
            for (Map.Entry<String, String> e : c.values().entrySet()) {
                String key = e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : e.getKey();
                if (CERTIFICATE_KEYS.stream().anyMatch(key::startsWith) && !e.getValue().isBlank()) {
                    return Optional.of(e.getKey() + " in " + c.path() + ":" + c.lines().getOrDefault(e.getKey(), 1));
                }
            }
        }
        return Optional.empty();
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
