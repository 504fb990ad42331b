package dev.drydock.core.review;

import java.util.List;
import java.util.Optional;

/**
 * Checks of other linters that drydock deliberately does not implement, each with the reason: the rule
 * documentation lists them, and the tests that compare drydock's aliases with those tools' check lists
 * accept exactly these as missing.
 */
public final class DeclinedChecks {

    /** A check of another tool ({@code tool} and its id or name there) and why drydock has no rule for it. */
    public record Declined(String tool, String check, String reason) {}

    private static final List<Declined> ALL = List.of(
            new Declined("hadolint", "DL1001", "It asks users not to write inline ignore comments at all (hadolint"
                    + " itself turns it off by default). drydock honours ignore comments and prefers them, with a remark"
                    + " saying why, to switching a rule off for a whole project."),
            new Declined("BuildKit", "InvalidBaseImagePlatform", "It compares the base image's platform with the"
                    + " target platform, which needs the image's manifest from its registry. drydock reviews the files"
                    + " and never contacts a registry, so that a review is fast, offline and repeatable."),
            new Declined("KICS", "Chown Flag Exists", "It flags every COPY --chown, yet setting the owner while copying"
                    + " is the right way to give the runtime user its files (one layer, one copy of each file); the"
                    + " alternative, COPY then RUN chown -R, stores every file twice and is what recursive-chown-layer"
                    + " reports. Whether files should be writable by the runtime user is judged by implicit-permissions"
                    + " from the user the container runs as."));

    private DeclinedChecks() {}

    public static List<Declined> all() {
        return ALL;
    }

    /** The declined check with this id or name (ignoring case), if it is one. */
    public static Optional<Declined> find(String check) {
        return ALL.stream().filter(d -> d.check().equalsIgnoreCase(check)).findFirst();
    }
}
