package dev.drydock.core.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The labels a declared build puts on the image it builds ({@code --label k=v}, a build-push-action's {@code labels},
 * a Bake target's {@code labels}).
 *
 * @param values the labels written with their values, in the order written
 * @param metadataAction whether the build also takes the labels docker/metadata-action computes in CI (a
 *     build-push-action's {@code ${{ steps.meta.outputs.labels }}}, a Bake target inheriting
 *     {@code docker-metadata-action}): the org.opencontainers.image.* title, description, url, source, version,
 *     created, revision and licenses of the repository and commit
 */
public record BuildLabels(Map<String, String> values, boolean metadataAction) {

    public static final BuildLabels NONE = new BuildLabels(Map.of(), false);

    private static final String OCI = "org.opencontainers.image.";

    public BuildLabels {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the image gets at least one standard OCI label from the build. */
    public boolean oci() {
        return metadataAction || values.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).startsWith(OCI));
    }

    public boolean isEmpty() {
        return values.isEmpty() && !metadataAction;
    }

    /** The labels as a reader would write them: the keys, then metadata-action's when taken. */
    public String describe() {
        String keys = String.join(", ", values.keySet());
        return metadataAction ? (keys.isEmpty() ? "" : keys + " and ") + "docker/metadata-action's OCI labels" : keys;
    }
}
