package dev.drydock.core.json;

import java.time.Duration;

/** Formats durations the way Docker and Compose write them: {@code 30s}, {@code 1m30s}, {@code 500ms}. */
final class GoDurations {

    private GoDurations() {}

    static String format(Duration d) {
        if (d == null) {
            return null;
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0 || (millis > 0 && out.length() > 0)) {
            out.append(seconds);
            if (millis > 0) {
                out.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
            }
            out.append('s');
        } else if (millis > 0) {
            out.append(millis).append("ms");
        }
        return out.toString();
    }
}
