package dev.drydock.core.compose.template;

/**
 * One {@code $NAME} / {@code ${NAME...}} expression found while interpolating a text. Indexes are
 * into the text that was interpolated (the raw YAML scalar value or the raw {@code .env} value);
 * callers map them to file positions.
 *
 * @param name the variable name
 * @param operator how the expression treats the variable ({@link Operator#NONE} for {@code $X} and {@code ${X}})
 * @param start index of the {@code $}
 * @param end index just past the expression (past the closing brace)
 * @param argument the raw text after the operator (default, alternative or error message), {@code null} without operator
 * @param argumentStart index of the argument's first character, -1 without operator
 * @param variableValue the variable's value, {@code null} when it is not set
 * @param usedArgument whether the result is the (interpolated) argument: a default that was applied or an
 *        alternative ({@code :+}, {@code +}) that was chosen
 * @param result what the expression was replaced with
 * @param nested whether the expression sits inside another expression's argument
 */
public record Substitution(
        String name,
        Operator operator,
        int start,
        int end,
        String argument,
        int argumentStart,
        String variableValue,
        boolean usedArgument,
        String result,
        boolean nested) {

    /** What follows the variable name inside the braces. */
    public enum Operator {
        NONE(""),
        /** {@code ${X:-default}}: the default when X is unset or empty. */
        DEFAULT_IF_UNSET_OR_EMPTY(":-"),
        /** {@code ${X-default}}: the default when X is unset. */
        DEFAULT_IF_UNSET("-"),
        /** {@code ${X:?message}}: an error when X is unset or empty. */
        ERROR_IF_UNSET_OR_EMPTY(":?"),
        /** {@code ${X?message}}: an error when X is unset. */
        ERROR_IF_UNSET("?"),
        /** {@code ${X:+alternative}}: the alternative when X is set and not empty, else X's value (empty). */
        ALTERNATIVE_IF_NOT_EMPTY(":+"),
        /** {@code ${X+alternative}}: the alternative when X is set, else empty. */
        ALTERNATIVE_IF_SET("+");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isDefault() {
            return this == DEFAULT_IF_UNSET_OR_EMPTY || this == DEFAULT_IF_UNSET;
        }
    }

    /** Whether the variable was set (possibly to an empty string). */
    public boolean isSet() {
        return variableValue != null;
    }

    /**
     * Whether the variable was unset and nothing stood in for it: compose warns
     * "The X variable is not set. Defaulting to a blank string." ({@code $X}, {@code ${X}}).
     */
    public boolean isMissing() {
        return variableValue == null && operator == Operator.NONE;
    }

    /** Whether this is a {@code ${X:?msg}} / {@code ${X?msg}} whose variable has no value, which Compose refuses. */
    public boolean missingRequired() {
        return switch (operator) {
            case ERROR_IF_UNSET -> variableValue == null;
            case ERROR_IF_UNSET_OR_EMPTY -> variableValue == null || variableValue.isEmpty();
            default -> false;
        };
    }

    /** Whether a {@code :-} / {@code -} default was used. */
    public boolean usedDefault() {
        return operator.isDefault() && usedArgument;
    }

    /** Index just past the argument (before the closing brace), -1 without operator. */
    public int argumentEnd() {
        return argument == null ? -1 : argumentStart + argument.length();
    }
}
