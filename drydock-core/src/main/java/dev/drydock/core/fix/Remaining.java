package dev.drydock.core.fix;

import dev.drydock.core.review.Finding;

/** A finding still there after fixing, and why it was not fixed. */
public record Remaining(Finding finding, Reason reason) {

    public enum Reason {
        /** The rule offers no fix for it. */
        NO_FIX("no automatic fix"),
        /** Its fix changes behaviour and {@code --unsafe} was not given. */
        UNSAFE("unsafe fix: apply with --unsafe"),
        /** The rule only suggests a change for a person to make. */
        SUGGESTION("suggestion only"),
        /** {@code --rule} left its rule out. */
        NOT_SELECTED("rule not selected"),
        /** A fix was offered but could not be applied, or did not make the finding go away. */
        NOT_RESOLVED("fix could not be applied");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
