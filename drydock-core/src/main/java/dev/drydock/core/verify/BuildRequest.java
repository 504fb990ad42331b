package dev.drydock.core.verify;

import java.nio.file.Path;
import java.util.Map;

/**
 * One image to build.
 *
 * @param tag the tag to give it
 * @param dockerfile the Dockerfile
 * @param context the build context folder
 * @param target the stage to build, or null for the last
 * @param args build arguments
 */
public record BuildRequest(String tag, Path dockerfile, Path context, String target, Map<String, String> args) {

    public BuildRequest {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }
}
