package dev.drydock.core.review;

import java.util.List;
import java.util.Map;

/**
 * What a project's configuration tells the rules: registries its base images may come from (empty: any),
 * the labels every image must carry with the type of their value ({@code text}, {@code url}, {@code rfc3339},
 * {@code spdx}, {@code hash}, {@code semver}, {@code email}), whether other labels are unwelcome, and whether
 * RUN scripts go to ShellCheck when it is installed.
 */
public record ReviewSettings(List<String> trustedRegistries, Map<String, String> labelSchema, boolean strictLabels,
        boolean shellcheck) {

    public static final ReviewSettings DEFAULT = new ReviewSettings(List.of(), Map.of(), false, true);

    public ReviewSettings {
        trustedRegistries = List.copyOf(trustedRegistries);
        labelSchema = Map.copyOf(labelSchema);
    }

    public ReviewSettings withTrustedRegistries(List<String> value) {
        return new ReviewSettings(value, labelSchema, strictLabels, shellcheck);
    }

    public ReviewSettings withLabelSchema(Map<String, String> value, boolean strict) {
        return new ReviewSettings(trustedRegistries, value, strict, shellcheck);
    }

    public ReviewSettings withShellCheck(boolean on) {
        return new ReviewSettings(trustedRegistries, labelSchema, strictLabels, on);
    }
}
