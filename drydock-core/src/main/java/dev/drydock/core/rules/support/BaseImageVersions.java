package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The full versions the moving tags of common official images pointed to on one date
 * ({@code base-image-versions.properties}): what lets a fix pin {@code python:3.11-slim} to
 * {@code python:3.11.17-slim-trixie} without asking a registry; and the oldest release line each image's
 * software still supported that day, below which a line is past its end of life.
 */
public final class BaseImageVersions {

    private static final Properties TABLE = load();

    private BaseImageVersions() {}

    /** The day the table describes (yyyy-mm-dd). */
    public static String date() {
        return TABLE.getProperty("date");
    }

    /**
     * The pinned tag for a moving version tag: full version, same variant, with the Debian suite or
     * Alpine release the tag resolves to when the table knows it. Empty for images or versions the
     * table does not list, pre-releases, and tags that are already full versions.
     */
    public static Optional<String> pinnedTag(ImageReference ref) {
        String image = ImageTags.officialName(ref);
        TagVersion version = ref.version();
        if (image.isEmpty() || version == null || !version.hasVersion() || version.isPatchPrecise()
                || !version.qualifier().isEmpty()) {
            return Optional.empty();
        }
        String full = TABLE.getProperty(image + "." + version.version());
        if (full == null || droppedRelease(ref).isPresent()) {
            return Optional.empty(); // no newer version is published on a release the image left
        }
        String variant = version.variant();
        String pinnedVariant = TABLE.getProperty(image + ".variant." + (variant.isEmpty() ? "default" : variant),
                variant);
        return Optional.of(full + (pinnedVariant.isEmpty() ? "" : "-" + pinnedVariant));
    }

    /**
     * The distribution release the tag names ({@code focal} in {@code eclipse-temurin:17-jre-focal}) when the
     * image is no longer built on it, so that the tag is no longer rebuilt; empty otherwise.
     */
    public static Optional<String> droppedRelease(ImageReference ref) {
        String image = ImageTags.officialName(ref);
        String dropped = image.isEmpty() ? null : TABLE.getProperty("dropped." + image);
        if (dropped == null || !ref.hasExplicitTag()) {
            return Optional.empty();
        }
        List<String> releases = List.of(dropped.split(","));
        for (String part : ref.tag().toLowerCase(java.util.Locale.ROOT).split("-")) {
            if (releases.contains(part)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    /**
     * The release line the table lists for a version of the image ({@code 17} for eclipse-temurin
     * {@code 17.0.4}, {@code 3.11} for python {@code 3.11.4}): the longest line whose numbers start the version's.
     */
    public static Optional<String> lineOf(String image, List<Long> version) {
        return TABLE.stringPropertyNames().stream()
                .filter(key -> key.startsWith(image + ".") && LINE.matcher(key.substring(image.length() + 1)).matches())
                .map(key -> TagVersion.parse(key.substring(image.length() + 1)))
                .filter(line -> line.components().size() <= version.size()
                        && line.components().equals(version.subList(0, line.components().size())))
                .max(java.util.Comparator.comparingInt(line -> line.components().size()))
                .map(TagVersion::version);
    }

    /** The full version alone ({@code 3.11.17} for {@code 3.11}), when the table has it. */
    public static Optional<String> fullVersion(String image, String version) {
        return Optional.ofNullable(TABLE.getProperty(image + "." + version));
    }

    /** The variant a moving tag's variant becomes when pinned ({@code slim} -> {@code slim-trixie}). */
    public static String pinnedVariant(String image, String variant) {
        return TABLE.getProperty(image + ".variant." + (variant.isEmpty() ? "default" : variant), variant);
    }

    /** The oldest release line of the image's software still supported on {@link #date()}, when the table says. */
    public static Optional<String> oldestSupported(String image) {
        List<String> lines = listedLines(image);
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0));
    }

    /**
     * The release lines the table lists as supported for the image ({@code supported.<image>}), oldest first: one
     * line (the oldest supported, every newer one counting as supported) or the complete list up to the newest.
     */
    public static List<String> listedLines(String image) {
        String value = TABLE.getProperty("supported." + image);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .sorted((a, b) -> TagVersion.parse(a).compareVersion(TagVersion.parse(b))).toList();
    }

    /**
     * The supported release lines of the image, oldest first: the listed ones when the table lists several,
     * otherwise the lines the table pins from the oldest supported one on ({@code 22, 24, 26} for node); empty
     * when it has neither.
     */
    public static List<String> supportedLines(String image) {
        List<String> listed = listedLines(image);
        if (listed.size() > 1) {
            return listed;
        }
        TagVersion oldest = listed.isEmpty() ? null : TagVersion.parse(listed.get(0));
        return TABLE.stringPropertyNames().stream()
                .filter(key -> key.startsWith(image + ".") && LINE.matcher(key.substring(image.length() + 1)).matches())
                .map(key -> key.substring(image.length() + 1))
                .map(TagVersion::parse)
                .filter(v -> oldest == null || v.compareVersion(oldest) >= 0)
                .sorted(TagVersion::compareVersion)
                .map(TagVersion::version)
                .toList();
    }

    /**
     * Whether a version ({@code 5.7}, {@code 13.4}, {@code 8}) belongs to a release line that had ended on
     * {@link #date()}: older than the first listed line, or, when several are listed, between two of them
     * without being one. A version with fewer numbers than the lines (a major-only tag) follows the newest line of
     * its major, so it is supported when a listed line belongs to that major. Versions newer than the last listed
     * line, and images the table does not list, are not judged.
     */
    public static boolean ended(String image, List<Long> version) {
        List<String> listed = listedLines(image);
        if (listed.isEmpty() || version.isEmpty()) {
            return false;
        }
        for (String line : listed) {
            if (compare(version, TagVersion.parse(line).components()) == 0) {
                return false; // in a supported line, or a major-only tag that follows one
            }
        }
        if (compare(version, TagVersion.parse(listed.get(0)).components()) < 0) {
            return true;
        }
        return compare(version, TagVersion.parse(listed.get(listed.size() - 1)).components()) < 0;
    }

    /** The first listed line newer than the version, when there is one: the line to move to. */
    public static Optional<String> nextSupported(String image, List<Long> version) {
        return listedOrPinned(image).stream()
                .filter(line -> compare(version, TagVersion.parse(line).components()) < 0)
                .findFirst();
    }

    private static List<String> listedOrPinned(String image) {
        List<String> lines = supportedLines(image);
        return lines.isEmpty() ? listedLines(image) : lines;
    }

    /** Compares two versions on the numbers both have: {@code 8} and {@code 8.4} compare equal. */
    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static final Pattern LINE = Pattern.compile("\\d+(\\.\\d+)?");

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BaseImageVersions.class.getResourceAsStream("base-image-versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("base-image-versions.properties is missing");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
