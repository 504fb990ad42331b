package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs of data and machine-learning images outside Docker's official library, from their Dockerfiles:
 * apache/airflow (python:*-slim-bookworm with curl among its runtime apt packages, in every release's list),
 * the Jupyter Docker Stacks ({@code quay.io/jupyter/*-notebook}, {@code docker-stacks-foundation}, formerly
 * {@code jupyter/*} on Docker Hub: Ubuntu with wget, Python from conda in /opt/conda/bin on PATH) and Hugging Face's
 * text-generation-inference (Ubuntu from nvidia/cuda's base image, the server's Python environment on PATH; curl
 * among the apt packages of its base stage from the 1.x releases on, not in the 0.x ones, whose tags start with 0.)
 * and pytorch/torchserve (Ubuntu, the server's virtual environment in
 * /home/venv/bin on PATH, no curl or wget in its production image), Qdrant's images other than its -gpu-* tags
 * (debian:*-slim with ca-certificates, tzdata and libunwind8: bash, no curl or wget), MinIO's from
 * RELEASE.2023-11-01 on (sh and bash, no curl or wget; the releases before had curl), and the server images of
 * {@link ServerImages}
 * whose programs are known, and the Alpine-based Java images of AdoptOpenJDK, Azul and BellSoft
 * ({@link JavaImages#alpineVendorTools}). Empty for any other image.
 */
final class VendorImageTools {

    private static final Pattern MINIO_RELEASE = Pattern.compile("RELEASE\\.(\\d{4}-\\d{2}-\\d{2})T");
    private static final String MINIO_CURL_DROPPED = "2023-11-01";

    private VendorImageTools() {}

    static Optional<ImageTools> of(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String written = ref.familiarString();
        Optional<ImageTools> java = JavaImages.alpineVendorTools(ref);
        if (java.isPresent()) {
            return java;
        }
        if (name.equals("docker.io/apache/airflow")) {
            return Optional.of(new ImageTools(written, true, Set.of("sh", "bash", "curl", "python", "python3"), "apt",
                    "python"));
        }
        if (NonRootVendorImages.of(ref).filter(image -> image.user().equals("jovyan")).isPresent()) {
            return Optional.of(new ImageTools(written, true, Set.of("sh", "bash", "wget", "python", "python3"), "apt",
                    "python"));
        }
        if (name.equals("docker.io/pytorch/torchserve")) {
            return Optional.of(new ImageTools(written, true, Set.of("sh", "bash", "python", "python3"), "apt", "python"));
        }
        if (name.equals("ghcr.io/huggingface/text-generation-inference")) {
            boolean early = ref.tag() != null && ref.tag().startsWith("0.");
            return Optional.of(new ImageTools(written, true, early ? Set.of("sh", "bash", "python", "python3")
                    : Set.of("sh", "bash", "curl", "python", "python3"), "apt", "python"));
        }
        if (name.equals("docker.io/qdrant/qdrant") && (ref.tag() == null || !ref.tag().contains("gpu"))) {
            return Optional.of(new ImageTools(written, true, Set.of("sh", "bash"), "apt", null));
        }
        if ((name.equals("docker.io/minio/minio") || name.equals("quay.io/minio/minio")) && minioWithoutCurl(ref.tag())) {
            return Optional.of(new ImageTools(written, true, Set.of("sh", "bash"), null, null));
        }
        // the published server images whose programs hold in every release (Prometheus's BusyBox, Gitea's curl ...)
        Optional<ServerImages.Image> server = ref.isOfficialImage() ? Optional.empty()
                : ServerImages.of(ref).filter(image -> image.tools() != null);
        return server.map(image -> new ImageTools(written, image.tools().contains("sh"), image.tools(), null, null));
    }

    /** MinIO's release tags (RELEASE.2023-11-01T01-57-10Z) from the first one without curl on, and latest. */
    private static boolean minioWithoutCurl(String tag) {
        if (tag == null || tag.equals("latest")) {
            return true;
        }
        Matcher release = MINIO_RELEASE.matcher(tag);
        return release.lookingAt() && release.group(1).compareTo(MINIO_CURL_DROPPED) >= 0;
    }
}
