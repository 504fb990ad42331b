package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags of operating-system images that name one stable release of the distribution: {@code debian:bookworm-slim},
 * {@code debian:12}, {@code ubuntu:24.04}, {@code ubuntu:noble}, {@code alpine:3.20}, {@code fedora:41},
 * {@code rockylinux:9}. Such a tag moves, but only with the point releases and security rebuilds of that
 * release, never to the next one; {@code latest}, {@code stable}, {@code testing}, {@code sid}, {@code edge},
 * {@code rolling}, {@code rawhide} and {@code alpine:3} do jump releases.
 */
public final class DistributionReleases {

    private DistributionReleases() {}

    private static final Set<String> DEBIAN_CODENAMES = Set.of("jessie", "stretch", "buster", "bullseye", "bookworm",
            "trixie", "forky", "duke");
    private static final Set<String> UBUNTU_CODENAMES = Set.of("xenial", "bionic", "focal", "jammy", "kinetic",
            "lunar", "mantic", "noble", "oracular", "plucky", "questing", "resolute");
    private static final Pattern MAJOR = Pattern.compile("\\d+");
    private static final Pattern MAJOR_MINOR = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern UBUNTU_VERSION = Pattern.compile("\\d{2}\\.(04|10)");

    /** The distributions whose images carry a release per major version, with their names for messages. */
    private static final Map<String, String> MAJOR_RELEASES = Map.of("fedora", "Fedora", "rockylinux", "Rocky Linux",
            "almalinux", "AlmaLinux", "oraclelinux", "Oracle Linux", "amazonlinux", "Amazon Linux", "centos", "CentOS");

    private static final Pattern ALPINE_RELEASE = Pattern.compile("alpine\\d+\\.\\d+");

    /**
     * Whether the tag of an image built on a distribution names the release it is built on
     * ({@code python:3.12-slim-bookworm}, {@code eclipse-temurin:21-jre-jammy}, {@code node:20-alpine3.20}), so
     * that the tag cannot move to the next release of the distribution; {@code python:3.12-slim} can.
     */
    public static boolean namedInTag(ImageReference ref) {
        if (ref == null || !ref.hasExplicitTag()) {
            return false;
        }
        for (String part : ref.tag().toLowerCase(Locale.ROOT).split("-")) {
            if (DEBIAN_CODENAMES.contains(part) || UBUNTU_CODENAMES.contains(part)
                    || ALPINE_RELEASE.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A tag's variant without the distribution release it names ({@code slim-bullseye} is {@code slim},
     * {@code alpine3.18} is {@code alpine}, {@code bookworm} is empty): the variant to keep when moving to
     * another version, whose images are built on other releases.
     */
    public static String withoutRelease(String variant) {
        StringBuilder out = new StringBuilder();
        for (String part : variant.split("-")) {
            String kept = ALPINE_RELEASE.matcher(part.toLowerCase(Locale.ROOT)).matches() ? "alpine"
                    : DEBIAN_CODENAMES.contains(part) || UBUNTU_CODENAMES.contains(part) ? "" : part;
            if (!kept.isEmpty()) {
                out.append(out.length() == 0 ? "" : "-").append(kept);
            }
        }
        return out.toString();
    }

    /** Google's distroless images name the Debian release they are built on: {@code base-debian12}. */
    private static final Pattern DISTROLESS = Pattern.compile("gcr\\.io/distroless/[a-z0-9.-]+-debian(\\d+)");
    /** The only tags distroless publishes: no versions, one moving tag per flavour (with an architecture suffix). */
    private static final Pattern DISTROLESS_TAG = Pattern.compile("(latest|nonroot|debug|debug-nonroot)(-[a-z0-9]+)?");

    /**
     * The Debian release a distroless image is built on ({@code Debian 12} for gcr.io/distroless/base-debian12),
     * when it is referenced by one of distroless's moving tags (or none): they follow that release's security
     * rebuilds and never the next release, and there are no version tags to pin, only digests.
     */
    public static Optional<String> distrolessRelease(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.isPinnedByDigest() || ref.fullName() == null) {
            return Optional.empty();
        }
        Matcher m = DISTROLESS.matcher(ref.fullName().toLowerCase(Locale.ROOT));
        String tag = ref.hasExplicitTag() ? ref.tag().toLowerCase(Locale.ROOT) : "latest";
        return m.matches() && DISTROLESS_TAG.matcher(tag).matches() ? Optional.of("Debian " + m.group(1))
                : Optional.empty();
    }

    /**
     * The Debian major version a distroless image's name carries ({@code 11} for gcr.io/distroless/base-debian11),
     * whatever its tag or digest: every image of that name is built on that release.
     */
    public static Optional<String> distrolessDebian(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.fullName() == null) {
            return Optional.empty();
        }
        Matcher m = DISTROLESS.matcher(ref.fullName().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A distroless image named without the Debian release it is built on: {@code gcr.io/distroless/static}. */
    private static final Pattern DISTROLESS_ALIAS = Pattern.compile("gcr\\.io/distroless/([a-z0-9.-]+)");

    /**
     * For a distroless image named without its Debian release ({@code gcr.io/distroless/static:nonroot}), the
     * name that states the current one ({@code gcr.io/distroless/static-debian12}): the short names leave the
     * release to distroless, which has moved them to newer releases before, and they too have no version tags.
     */
    public static Optional<String> distrolessWithRelease(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.isPinnedByDigest() || ref.fullName() == null) {
            return Optional.empty();
        }
        String full = ref.fullName().toLowerCase(Locale.ROOT);
        Matcher m = DISTROLESS_ALIAS.matcher(full);
        String tag = ref.hasExplicitTag() ? ref.tag().toLowerCase(Locale.ROOT) : "latest";
        if (!m.matches() || DISTROLESS.matcher(full).matches() || !DISTROLESS_TAG.matcher(tag).matches()) {
            return Optional.empty();
        }
        return Optional.of(ref.familiarName() + "-debian12");
    }

    /** The release the tag stays within, in words ({@code Debian bookworm}), or empty when it is no such tag. */
    public static Optional<String> release(ImageReference ref) {
        Optional<String> distroless = distrolessRelease(ref);
        if (distroless.isPresent()) {
            return distroless;
        }
        if (ref == null || !ref.hasExplicitTag() || ref.isPinnedByDigest()) {
            return Optional.empty();
        }
        String name = ImageTags.officialName(ref);
        String tag = ref.tag().toLowerCase(Locale.ROOT);
        String first = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
        return switch (name) {
            case "debian" -> DEBIAN_CODENAMES.contains(first) || MAJOR.matcher(first).matches()
                    ? Optional.of("Debian " + first) : Optional.empty();
            case "ubuntu" -> UBUNTU_CODENAMES.contains(first) || UBUNTU_VERSION.matcher(first).matches()
                    ? Optional.of("Ubuntu " + first) : Optional.empty();
            case "alpine" -> MAJOR_MINOR.matcher(first).matches() ? Optional.of("Alpine " + first) : Optional.empty();
            default -> MAJOR_RELEASES.containsKey(name) && (MAJOR.matcher(first).matches()
                    || MAJOR_MINOR.matcher(first).matches())
                    ? Optional.of(MAJOR_RELEASES.get(name) + " " + first) : Optional.empty();
        };
    }
}
