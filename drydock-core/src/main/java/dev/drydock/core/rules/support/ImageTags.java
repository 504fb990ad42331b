package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an image tag says about how fixed the image is, and what drydock knows about the tags of common
 * official images (how they name full versions, how to read the version an image contains).
 */
public final class ImageTags {

    private ImageTags() {}

    /** Why a reference is a moving target. */
    public enum Movement {
        /** No tag and no digest: {@code latest} is pulled. */
        NO_TAG,
        /** {@code :latest}. */
        LATEST,
        /** A tag without a version number ({@code bookworm}, {@code lts-alpine}, {@code stable}). */
        NO_VERSION,
        /** Major version only ({@code 20-alpine}): moves with every minor and patch release. */
        MAJOR,
        /** Major.minor ({@code 3.11-slim}): moves with every patch release. */
        MINOR
    }

    private static final Pattern COMMIT = Pattern.compile("(sha-|git-|g)?[0-9a-f]{7,40}", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_STAMP = Pattern.compile("(19|20)\\d{6}(\\d{2,6})?(\\.\\d+)?");
    /**
     * A date written with dashes inside a tag: 2021-04-22 or 04-22-2021, also as the start of a timestamp
     * after a dot ({@code RELEASE.2025-02-18T16-25-55Z}).
     */
    private static final Pattern DASHED_DATE = Pattern.compile(
            "(^|[-_.])((19|20)\\d{2}-\\d{2}-\\d{2}(T\\d{2}[-:]\\d{2}([-:]\\d{2})?Z?)?|\\d{2}-\\d{2}-(19|20)\\d{2})($|[-_.])");

    /**
     * Official images whose major.minor tag already names a full release: Debian point releases (12.7),
     * PostgreSQL's minor releases (16.6; it has had two-part versions since 10).
     */
    private static final Set<String> MINOR_IS_FULL = Set.of("debian", "postgres");

    /** Official images whose version tags all move; only dated tags ({@code jammy-20240911}) are fixed. */
    private static final Set<String> DATED_ONLY = Set.of("ubuntu");

    /** A command that prints the version an official image contains. */
    private static final Map<String, String> VERSION_COMMANDS = Map.ofEntries(
            Map.entry("python", "python --version"),
            Map.entry("pypy", "pypy --version"),
            Map.entry("node", "node --version"),
            Map.entry("ruby", "ruby --version"),
            Map.entry("golang", "go version"),
            Map.entry("rust", "rustc --version"),
            Map.entry("perl", "perl -v"),
            Map.entry("php", "php --version"),
            Map.entry("eclipse-temurin", "java -version"),
            Map.entry("openjdk", "java -version"),
            Map.entry("amazoncorretto", "java -version"),
            Map.entry("maven", "mvn --version"),
            Map.entry("gradle", "gradle --version"),
            Map.entry("alpine", "cat /etc/alpine-release"),
            Map.entry("debian", "cat /etc/debian_version"),
            Map.entry("nginx", "nginx -v"),
            Map.entry("httpd", "httpd -v"),
            Map.entry("postgres", "postgres --version"),
            Map.entry("redis", "redis-server --version"));

    /** Red Hat's registries, whose images tag each build {@code version-release} ({@code 1.21-1.1733300800}). */
    private static final List<String> RED_HAT_REGISTRIES = List.of("registry.access.redhat.com/", "registry.redhat.io/");
    private static final Pattern RED_HAT_RELEASE = Pattern.compile("\\d+(\\.\\d+)*-\\d+(\\.\\d+)?");

    /** How the reference moves, or empty when it is fixed (digest, full version, dated or commit tag). */
    public static Optional<Movement> movement(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.isPinnedByDigest()) {
            return Optional.empty();
        }
        if (!ref.hasExplicitTag()) {
            return Optional.of(Movement.NO_TAG);
        }
        if (ref.isLatest()) {
            return Optional.of(Movement.LATEST);
        }
        if (redHat(ref) && RED_HAT_RELEASE.matcher(ref.tag()).matches()) {
            return Optional.empty(); // one build: the version and its release
        }
        TagVersion v = ref.version();
        if (COMMIT.matcher(ref.tag()).matches() && ref.tag().chars().anyMatch(Character::isDigit)
                && ref.tag().chars().anyMatch(Character::isLetter)) {
            return Optional.empty();
        }
        for (String variant : v.variants()) {
            if (DATE_STAMP.matcher(variant).matches()) {
                return Optional.empty();
            }
        }
        if (v.isDateLike()) {
            return Optional.empty();
        }
        if (!v.hasVersion() && namesFullVersionOrDate(ref.tag(), v)) {
            return hasLatestPart(v) ? Optional.of(Movement.LATEST) : Optional.empty();
        }
        if (ngcRelease(ref)) {
            return Optional.empty();
        }
        String name = officialName(ref);
        if (DATED_ONLY.contains(name)) {
            return Optional.of(v.hasVersion() ? Movement.MINOR : Movement.NO_VERSION);
        }
        return switch (v.precision()) {
            case NONE -> Optional.of(Movement.NO_VERSION);
            case MAJOR -> Optional.of(Movement.MAJOR);
            case MINOR -> MINOR_IS_FULL.contains(name) ? Optional.empty() : Optional.of(Movement.MINOR);
            case PATCH, BUILD -> Optional.empty();
        };
    }

    /**
     * Whether the reference is a monthly release of one of NVIDIA's NGC framework containers
     * ({@code nvcr.io/nvidia/pytorch:23.12-py3}, {@code tritonserver:24.05-trtllm-python-py3}): NGC numbers these
     * releases by year and month, so 23.12 names one release, not a 23.x line. CUDA's images carry CUDA's own
     * versions and are not among them.
     */
    static boolean ngcRelease(ImageReference ref) {
        String name = ref.familiarName().toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("nvcr.io/nvidia/") && !name.equals("nvcr.io/nvidia/cuda")
                && NGC_RELEASE.matcher(ref.tag()).matches();
    }

    private static final Pattern NGC_RELEASE = Pattern.compile("\\d{2}\\.(0[1-9]|1[0-2])(-.*)?");

    /**
     * Whether a tag that does not start with a version names a full version or a date further on
     * ({@code java-11-lein-2.9.6}, {@code latest-rust-1.62.0}, {@code build-04-22-2021}).
     */
    /**
     * Whether the tag pairs a latest part with a full version of what the image is built on
     * ({@code latest-rust-1.62.0} of lukemathwalker/cargo-chef): the tool the image adds moves, while the
     * toolchain and the distribution under it stay those of that exact release.
     */
    public static boolean latestOnFullVersion(ImageReference ref) {
        if (ref == null || !ref.isImage() || !ref.hasExplicitTag()) {
            return false;
        }
        TagVersion v = ref.version();
        return !v.hasVersion() && hasLatestPart(v) && namesFullVersionOrDate(ref.tag(), v);
    }

    private static boolean namesFullVersionOrDate(String tag, TagVersion v) {
        return DASHED_DATE.matcher(tag).find()
                || v.variants().stream().anyMatch(part -> TagVersion.parse(part).isPatchPrecise());
    }

    /**
     * A part of a tag that names the PostgreSQL major version the image is built on: {@code pg17} in pgvector's
     * {@code pg17} and {@code 0.8.1-pg17-trixie}, in timescale/timescaledb's {@code latest-pg17}, {@code pg17.2} in
     * timescaledb-ha's {@code pg17.2-ts2.17.2}.
     */
    private static final Pattern POSTGRES_MAJOR_PART = Pattern.compile("(?i)pg(9\\.\\d|\\d{2})(\\.\\d+)?");

    /**
     * Whether a tag without a version of its own names the PostgreSQL major version the image runs in a part of it
     * ({@code pgvector/pgvector:pg17}): the extension the image adds moves, the server's major version, and with it
     * the format of its data directory, does not, as with {@code postgres:17}.
     */
    public static boolean namesPostgresMajor(ImageReference ref) {
        if (ref == null || !ref.isImage() || !ref.hasExplicitTag()) {
            return false;
        }
        TagVersion v = ref.version();
        return !v.hasVersion() && v.variants().stream().anyMatch(ImageTags::isPostgresMajorPart);
    }

    /** Whether one part of a tag (between dashes) names a PostgreSQL major version: {@code pg17}, {@code pg17.2}. */
    public static boolean isPostgresMajorPart(String part) {
        return POSTGRES_MAJOR_PART.matcher(part).matches();
    }

    /** Whether a part of the tag is {@code latest} ({@code latest-pg17}), or the tag is latest. */
    public static boolean hasLatestPart(ImageReference ref) {
        return ref != null && ref.isImage() && ref.hasExplicitTag() && hasLatestPart(ref.version());
    }

    /** Whether a part of the tag is {@code latest} ({@code latest-rust-1.62.0}). */
    private static boolean hasLatestPart(TagVersion v) {
        return v.variants().stream().anyMatch(part -> part.equalsIgnoreCase("latest"));
    }

    /** Whether the image comes from one of Red Hat's registries (UBI and the images built on it). */
    public static boolean redHat(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        return RED_HAT_REGISTRIES.stream().anyMatch(name::startsWith);
    }

    /** The name of a Docker Official Image ({@code python}), or "" for any other image. */
    public static String officialName(ImageReference ref) {
        return ref != null && ref.isOfficialImage() ? ref.imageName().toLowerCase(Locale.ROOT) : "";
    }

    /** A command that prints the version inside an official image, or null when drydock knows none. */
    public static String versionCommand(ImageReference ref) {
        return VERSION_COMMANDS.get(officialName(ref));
    }

    /**
     * The tag with its version written in full: {@code 3.11-slim} becomes {@code 3.11.N-slim}, {@code 20}
     * becomes {@code 20.N.N}; null when the tag has no version.
     */
    public static String fullVersionPattern(ImageReference ref) {
        TagVersion v = ref.version();
        if (v == null || !v.hasVersion()) {
            return null;
        }
        if (redHat(ref) && ref.tag().equals(v.version())) {
            return ref.tag() + "-N"; // Red Hat's builds: version-release (1.21-3), not a longer version
        }
        String missing = switch (v.precision()) {
            case MAJOR -> MINOR_IS_FULL.contains(officialName(ref)) ? ".N" : ".N.N";
            case MINOR -> ".N";
            default -> "";
        };
        int end = ref.tag().indexOf(v.version()) + v.version().length();
        return ref.tag().substring(0, end) + missing + ref.tag().substring(end);
    }
}
