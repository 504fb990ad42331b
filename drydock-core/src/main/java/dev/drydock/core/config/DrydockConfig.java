package dev.drydock.core.config;

import dev.drydock.core.discovery.ProjectScanner;
import dev.drydock.core.fix.FixEngine;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.ReviewSettings;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Severity;

/**
 * A project's configuration as read from {@code .drydock.yaml} (or mapped from {@code .hadolint.yaml}):
 * the settings of the review, and the failure threshold of the command line.
 *
 * @param file the file it was read from, relative to the project root ({@code ../} when above it), or
 *     null when there is none
 * @param settings what the rules and the reviewer see
 * @param failOn the severity from which a review fails, {@link #NEVER} for none, or null when not set
 */
public record DrydockConfig(String file, ReviewSettings settings, FailOn failOn) {

    /** No configuration file: the defaults. */
    public static final DrydockConfig NONE = new DrydockConfig(null, ReviewSettings.DEFAULT, null);

    /** The failure threshold: a severity, or never. */
    public record FailOn(Severity severity) {
        /** Whether a finding of this severity fails the review. */
        public boolean fails(Severity value) {
            return severity != null && value.atLeast(severity);
        }
    }

    /** {@code fail-on: none}. */
    public static final FailOn NEVER = new FailOn(null);

    /** The same configuration, with ShellCheck on or off (the command line's --no-shellcheck). */
    public DrydockConfig withShellCheck(boolean on) {
        return new DrydockConfig(file, settings.withShellCheck(on), failOn);
    }

    /** The standard rules with these settings. */
    public Reviewer reviewer() {
        return Reviewer.standard(settings);
    }

    /** The fix engine of the standard rules with these settings: a suppressed finding's fix is not applied. */
    public FixEngine fixEngine() {
        return new FixEngine(reviewer(), loader());
    }

    /** A loader that leaves the excluded paths out of discovery. */
    public ProjectLoader loader() {
        var excluded = settings.excludedPaths();
        return excluded.isEmpty() ? new ProjectLoader() : new ProjectLoader(new ProjectScanner().excluding(excluded));
    }
}
