package dev.drydock.core.verify;

import java.time.Duration;
import java.util.Locale;

/** Durations as reports show them: {@code 3 s}, {@code 1.4 s}. */
final class Durations {

    private Durations() {}

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
