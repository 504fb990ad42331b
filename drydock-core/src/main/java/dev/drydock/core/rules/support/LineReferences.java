package dev.drydock.core.rules.support;

import dev.drydock.core.review.Location;

/** How a finding's message points at a line: by number alone in the finding's own file, with the file's name elsewhere. */
public final class LineReferences {

    private LineReferences() {}

    /** "on line 15" when the place is in the file the finding points at, else "at compose.yaml:15". */
    public static String onLine(Location place, String findingFile) {
        return place.file() != null && place.file().equals(findingFile) ? "on line " + place.line()
                : "at " + place.file() + ":" + place.line();
    }
}
