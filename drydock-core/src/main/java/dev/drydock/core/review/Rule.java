package dev.drydock.core.review;

/**
 * One check. Its metadata is the {@link RuleDefinition} on its class; its logic queries the project
 * model through the context and reports findings (and strengths) to it. Rules hold no state: one
 * instance serves every review, also concurrently.
 */
public interface Rule {

    void check(ReviewContext context);

    default RuleMetadata metadata() {
        return RuleMetadata.of(getClass());
    }

    default String id() {
        return metadata().id();
    }

    /**
     * Whether the rule spends its time waiting on another program (shellcheck): the reviewer then runs it
     * on a thread of its own while the other rules run, so that the wait costs no time.
     */
    default boolean runsAside() {
        return false;
    }

    /**
     * Whether findings with this id come from this rule: its own id, or for a rule that reports under the
     * ids of another tool (ShellCheck's {@code SC2086}), those.
     */
    default boolean reports(String findingId) {
        return id().equals(findingId);
    }
}
