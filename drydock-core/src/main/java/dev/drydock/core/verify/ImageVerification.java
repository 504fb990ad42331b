package dev.drydock.core.verify;

import java.util.List;

/**
 * The checks of one image, as the project is ({@code before}) or as the fixes leave it ({@code after}).
 *
 * @param tag the tag it was built as
 * @param checks the checks in order: build, size, then (when it built) health, user, pid1, files, stop
 * @param notes how the run differed from a real one (placeholder values, settings not passed)
 */
public record ImageVerification(String tag, List<CheckResult> checks, List<String> notes) {

    public ImageVerification {
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return checks.stream().noneMatch(CheckResult::failed);
    }

    public java.util.Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.check().equals(id)).findFirst();
    }
}
