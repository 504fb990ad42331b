package dev.drydock.core.shell;

/** Control operators that join or end commands. */
public enum Operator {
    AND("&&"),
    OR("||"),
    PIPE("|"),
    /** bash: {@code |&} pipes stderr too. */
    PIPE_ALL("|&"),
    SEMICOLON(";"),
    BACKGROUND("&"),
    NEWLINE("\n"),
    /** Case item terminators {@code ;;}, {@code ;&}, {@code ;;&}. */
    CASE_BREAK(";;"),
    CASE_FALLTHROUGH(";&"),
    CASE_CONTINUE(";;&");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    static Operator of(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException(symbol);
    }
}
