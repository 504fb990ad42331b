package dev.drydock.core.shell;

/** A construct enclosing a {@link Command}; {@link Command#scopes()} lists them outermost first. */
public enum Scope {
    /** {@code ( ... )}: runs in a child process; option changes inside don't leak out. */
    SUBSHELL,
    /** {@code { ...; }}. */
    BRACE_GROUP,
    /** The condition list of {@code if}/{@code elif}: errexit does not apply there. */
    IF_CONDITION,
    /** A {@code then} or {@code else} list. */
    IF_BRANCH,
    /** The condition list of {@code while}/{@code until}: errexit does not apply there. */
    LOOP_CONDITION,
    /** The body of {@code for}/{@code while}/{@code until}/{@code select}. */
    LOOP_BODY,
    /** A {@code case} item's list. */
    CASE_BRANCH,
    /** A function body: runs where the function is called, not where it is defined. */
    FUNCTION_BODY,
    /** Inside {@code $(...)} or backquotes. */
    COMMAND_SUBSTITUTION,
    /** Inside bash's {@code <(...)}/{@code >(...)}. */
    PROCESS_SUBSTITUTION,
    /**
     * A script run by another shell process: the string of {@code sh -c '...'} (also {@code su -c}) or a
     * heredoc/here-string fed to {@code sh}/{@code bash}; see {@link Command#invokedBy()}.
     */
    NESTED_SHELL,
    /** The arguments of {@code eval}, run in the current shell. */
    EVAL
}
