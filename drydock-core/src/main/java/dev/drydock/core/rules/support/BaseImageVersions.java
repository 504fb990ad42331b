package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The full versions the moving tags of common official images pointed to on one date
 * ({@code base-image-versions.properties}): what lets a fix pin {@code python:3.11-slim} to
 * {@code python:3.11.14-slim-trixie} without asking a registry.
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
        if (full == null) {
            return Optional.empty();
        }
        String variant = version.variant();
        String pinnedVariant = TABLE.getProperty(image + ".variant." + (variant.isEmpty() ? "default" : variant),
                variant);
        return Optional.of(full + (pinnedVariant.isEmpty() ? "" : "-" + pinnedVariant));
    }

    /** The full version alone ({@code 3.11.14} for {@code 3.11}), when the table has it. */
    public static Optional<String> fullVersion(String image, String version) {
        return Optional.ofNullable(TABLE.getProperty(image + "." + version));
    }

    /** The variant a moving tag's variant becomes when pinned ({@code slim} -> {@code slim-trixie}). */
    public static String pinnedVariant(String image, String variant) {
        return TABLE.getProperty(image + ".variant." + (variant.isEmpty() ? "default" : variant), variant);
    }

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
