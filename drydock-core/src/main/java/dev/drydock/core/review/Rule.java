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
}
