package dev.drydock.core.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Images their publishers build, not the project that runs them: the Docker Official Images
 * ({@code official-images.txt}, the repositories of Docker Hub's library namespace) and the repositories of
 * well-known vendors' namespaces ({@code bitnami/postgresql}, {@code grafana/grafana}, {@code quay.io/prometheus/...},
 * the whole of {@code registry.k8s.io} or {@code mcr.microsoft.com}). A project may tag a build of its own with such a
 * name, but wherever an image is pulled by it, it is the publisher's.
 */
public final class PublishersImages {

    private static final Set<String> OFFICIAL = load();

    /** Registries that serve only their owner's images. */
    private static final Set<String> VENDOR_REGISTRIES = Set.of("registry.k8s.io", "k8s.gcr.io", "mcr.microsoft.com",
            "docker.elastic.co", "nvcr.io", "registry.access.redhat.com", "registry.redhat.io", "cgr.dev");

    /** Namespaces of vendors (registry and first path segment, as {@link ImageReference#fullName()} writes them). */
    private static final List<String> VENDOR_NAMESPACES = List.of("docker.io/bitnami/", "docker.io/bitnamilegacy/",
            "docker.io/bitnamicharts/", "docker.io/grafana/", "docker.io/prom/", "docker.io/hashicorp/",
            "docker.io/confluentinc/", "docker.io/elastic/", "docker.io/minio/", "docker.io/jenkins/",
            "docker.io/gitlab/", "docker.io/nginxinc/", "docker.io/apache/", "docker.io/localstack/",
            "docker.io/jaegertracing/", "docker.io/openzipkin/", "docker.io/otel/", "docker.io/envoyproxy/",
            "docker.io/istio/", "docker.io/linuxserver/", "docker.io/selenium/", "docker.io/amazon/",
            "docker.io/timescale/", "docker.io/postgis/", "docker.io/redislabs/", "docker.io/redis/",
            "docker.io/mysql/", "docker.io/mongodb/", "docker.io/clickhouse/", "docker.io/neo4j/",
            "docker.io/bitwarden/", "docker.io/portainer/", "docker.io/sonatype/",
            "docker.io/dpage/", "docker.io/mailhog/", "docker.io/axllent/", "docker.io/wurstmeister/",
            "docker.io/datadog/", "docker.io/newrelic/", "docker.io/fluent/", "docker.io/kong/",
            "docker.io/temporalio/", "docker.io/opensearchproject/",
            "quay.io/prometheus/", "quay.io/coreos/", "quay.io/keycloak/", "quay.io/minio/", "quay.io/jetstack/",
            "quay.io/argoproj/", "quay.io/cilium/", "quay.io/calico/", "quay.io/oauth2-proxy/",
            "quay.io/prometheus-operator/", "quay.io/strimzi/", "quay.io/bitnami/", "gcr.io/distroless/",
            "gcr.io/google-containers/", "gcr.io/kaniko-project/", "gcr.io/cloudsql-docker/",
            "public.ecr.aws/docker/", "public.ecr.aws/bitnami/", "public.ecr.aws/aws-observability/",
            "ghcr.io/open-telemetry/", "ghcr.io/fluxcd/", "ghcr.io/dexidp/");

    private PublishersImages() {}

    /** Whether the reference names a Docker Official Image ({@code python:3.12}, {@code docker.io/library/redis}). */
    public static boolean official(ImageReference ref) {
        return ref != null && ref.isOfficialImage() && OFFICIAL.contains(ref.imageName().toLowerCase(Locale.ROOT));
    }

    /** Whether the names of official images include this one ({@code redis}), written without registry or tag. */
    public static boolean officialName(String name) {
        return OFFICIAL.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the reference is in a well-known vendor's namespace or registry ({@code bitnami/redis:7}). */
    public static boolean vendor(ImageReference ref) {
        if (ref == null || !ref.isImage()) {
            return false;
        }
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        return VENDOR_REGISTRIES.contains(ref.registry().toLowerCase(Locale.ROOT))
                || VENDOR_NAMESPACES.stream().anyMatch(name::startsWith);
    }

    /**
     * Whether the image, as written ({@code redis:7}, {@code bitnami/postgresql}), is a publisher's: an official image
     * or one of a vendor's. False for a name that does not parse or holds a variable.
     */
    public static boolean publishers(String image) {
        if (image == null || image.contains("$")) {
            return false;
        }
        ImageReference ref = ImageReference.tryParse(image.strip()).orElse(null);
        return official(ref) || vendor(ref);
    }

    private static Set<String> load() {
        Set<String> names = new HashSet<>();
        try (InputStream in = PublishersImages.class.getResourceAsStream("official-images.txt")) {
            if (in == null) {
                throw new IllegalStateException("official-images.txt is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names));
    }
}
