package dev.drydock.core.entrypoint;

import java.util.List;
import java.util.Map;

/**
 * gunicorn's command-line options read from a list of words, by canonical name (the long option without dashes):
 * for telling the options a command writes from those {@code GUNICORN_CMD_ARGS} gives, which {@link EntryPoint#options()}
 * holds merged.
 */
public final class GunicornOptions {

    private GunicornOptions() {}

    /** The options among {@code words} (the arguments after the program word, or GUNICORN_CMD_ARGS split). */
    public static Map<String, String> parse(List<String> words) {
        return PythonCommands.GUNICORN.parse(words, false).options();
    }
}
