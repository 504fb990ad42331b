package dev.drydock.core.rules.support;

import java.util.Locale;
import java.util.Set;

/**
 * The values that turn a setting on where a program reads an environment variable as a switch: 1, true, yes, on,
 * in any case (Flask's FLASK_DEBUG, uv's UV_NO_SYNC, Laravel's APP_DEBUG, DEBUG=...). Programs that accept fewer
 * forms (Poetry's true and 1) keep their own list.
 */
public final class SwitchValues {

    private static final Set<String> ON = Set.of("1", "true", "yes", "on");

    private SwitchValues() {}

    /** Whether the value turns the switch on; false for null. */
    public static boolean on(String value) {
        return value != null && ON.contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
