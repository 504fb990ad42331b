package dev.drydock.core.verify;

import java.util.Locale;

/** The image's size and layer count, measured (informational: it passes once the image is inspected). */
final class SizeCheck {

    static final String ID = "size";

    private SizeCheck() {}

    static CheckResult evaluate(ImageInfo image) {
        return CheckResult.pass(ID, megabytes(image.sizeBytes()) + ", " + image.layers() + " layer(s)")
                .with("bytes", image.sizeBytes()).with("layers", (long) image.layers());
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
