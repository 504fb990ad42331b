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
        return Optional.ofNullable(TABLE.getProperty("supported." + image));
    }

    /**
     * The release lines of the image the table pins, oldest first, from the oldest supported one on
     * ({@code 22, 24, 26} for node); empty when it pins none.
     */
    public static List<String> supportedLines(String image) {
        TagVersion oldest = oldestSupported(image).map(TagVersion::parse).orElse(null);
        return TABLE.stringPropertyNames().stream()
                .filter(key -> key.startsWith(image + ".") && LINE.matcher(key.substring(image.length() + 1)).matches())
                .map(key -> key.substring(image.length() + 1))
                .map(TagVersion::parse)
                .filter(v -> oldest == null || v.compareVersion(oldest) >= 0)
                .sorted(TagVersion::compareVersion)
                .map(TagVersion::version)
                .toList();
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
