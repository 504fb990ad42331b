package dev.drydock.core.review;

@RuleDefinition(
        id = "rule-failed",
        title = "A check stopped with an internal error",
        severity = Severity.INFO,
        category = Category.RELIABILITY,
        checks = "Every rule runs on its own: when one stops with an internal error on this project, drydock reports"
                + " it here and the rest of the review goes on, as it does for a file it cannot read.",
        problem = "A defect in drydock stopped one of its checks on this project.",
        impact = "That check's findings are missing from this review; every other check ran in full.",
        recommendation = "Report it to drydock's maintainers with the message and, if possible, the files involved;"
                + " `drydock review --debug` prints the whole stack trace.",
        effort = "5 min")
public final class RuleFailed implements Rule {

    /** Set to {@code true} to let a rule's exception end the review (the test suite does, to see every defect). */
    public static final String FAIL_FAST_PROPERTY = "drydock.rules.failFast";

    /** Set to {@code true} to print the stack trace of a rule's exception on standard error (the CLI's --debug). */
    public static final String DEBUG_PROPERTY = "drydock.debug";

    @Override
    public void check(ReviewContext context) {
        // reported by the reviewer, which catches what other rules throw
    }

    /** Runs the rule; what it throws becomes a finding of this rule (or ends the review when failing fast). */
    static void run(Rule rule, ReviewContext context, RuleFailed reporter, boolean failFast) {
        try {
            rule.check(context);
        } catch (RuntimeException | StackOverflowError e) {
            if (failFast) {
                throw e;
            }
            if (Boolean.getBoolean(DEBUG_PROPERTY)) {
                synchronized (System.err) {
                    System.err.println("drydock: the rule " + rule.id() + " stopped:");
                    e.printStackTrace(System.err);
                }
            }
            context.finding(reporter, new Location(null, null), "the rule " + rule.id()
                    + " stopped with " + describe(e) + "; its findings are missing from this review, every other"
                    + " check ran").add();
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        StackTraceElement[] trace = e.getStackTrace();
        StackTraceElement own = java.util.Arrays.stream(trace)
                .filter(frame -> frame.getClassName().startsWith("dev.drydock.")).findFirst().orElse(null);
        if (own != null) {
            text.append(" at ").append(own.getFileName()).append(':').append(own.getLineNumber());
        }
        if (trace.length > 0 && trace[0] != own) {
            text.append(own == null ? " at " : " in ").append(trace[0].getFileName()).append(':')
                    .append(trace[0].getLineNumber());
        }
        if (e.getMessage() != null) {
            String message = e.getMessage().length() > 200 ? e.getMessage().substring(0, 200) + "..." : e.getMessage();
            text.append(" (").append(message).append(')');
        }
        return text.toString();
    }
}
