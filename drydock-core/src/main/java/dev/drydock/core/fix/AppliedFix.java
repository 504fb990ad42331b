package dev.drydock.core.fix;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.review.Finding;

/** A fix the engine applied, the finding it answered and the round it was applied in (1 first). */
public record AppliedFix(Finding finding, Fix fix, int round) {

    public String ruleId() {
        return finding.ruleId();
    }
}
