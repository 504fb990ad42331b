package dev.drydock.core.report;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import java.util.List;

/**
 * How the formats that show one entry per line (annotations, checkstyle, GitLab Code Quality, editor
 * diagnostics) name the places of a finding written at several: each entry says it is one finding and
 * where all of it is, so that the other lines are seen and the finding is not read as several.
 */
public final class FindingPlaces {

    private FindingPlaces() {}

    /** "One finding at 2 places: compose.yaml:16 and compose.yaml:24.", or "" for a finding at one place. */
    public static String sentence(Finding f, String prefix) {
        List<Location> places = f.places();
        if (places.size() == 1) {
            return "";
        }
        StringBuilder text = new StringBuilder("One finding at ").append(places.size()).append(" places: ");
        for (int i = 0; i < places.size(); i++) {
            text.append(i == 0 ? "" : i == places.size() - 1 ? " and " : ", ").append(where(places.get(i), prefix));
        }
        return text.append('.').toString();
    }

    /** A place as FILE:LINE (the file alone for a whole file, the prefix or "." for the project as a whole). */
    public static String where(Location place, String prefix) {
        if (place.file() == null) {
            return prefix.isEmpty() ? "." : prefix;
        }
        return prefix + place.file() + (place.span() == null ? "" : ":" + place.line());
    }

    /** The message with the sentence naming the places, when there are several. */
    public static String message(Finding f, String prefix) {
        String places = sentence(f, prefix);
        if (places.isEmpty()) {
            return f.message();
        }
        String message = f.message();
        return (message.endsWith(".") ? message : message + ".") + " " + places;
    }
}
