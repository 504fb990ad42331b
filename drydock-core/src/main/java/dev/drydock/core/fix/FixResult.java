package dev.drydock.core.fix;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import java.util.List;

/**
 * What fixing a project did, in memory: nothing is written until {@link FixWriter} is asked to.
 *
 * @param before the review of the project as it is
 * @param after the review of the project with the fixes applied
 * @param applied the fixes applied, in order
 * @param changes the files that differ, in path order
 * @param remaining the findings of {@code after}, each with why it was not fixed
 * @param introduced findings of {@code after} whose rule did not report in that file before: a fix
 *        that brings a new problem (the tests hold this empty for every example)
 * @param problems fixes that could not be applied, and why (a file not valid UTF-8, a symlink, an
 *        edit that no longer fits the file, a result that does not parse)
 * @param rounds how many review-fix rounds ran
 */
public record FixResult(Review before, Review after, List<AppliedFix> applied, List<FileChange> changes,
        List<Remaining> remaining, List<Finding> introduced, List<String> problems, int rounds) {

    public FixResult {
        applied = List.copyOf(applied);
        changes = List.copyOf(changes);
        remaining = List.copyOf(remaining);
        introduced = List.copyOf(introduced);
        problems = List.copyOf(problems);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /** How many findings of the first review are gone after the fixes. */
    public int fixedCount() {
        return Math.max(0, before.findings().size() - (after.findings().size() - introduced.size()));
    }
}
