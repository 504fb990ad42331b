package dev.drydock.core.shell;

/** The redirection operators. */
public enum RedirectOperator {
    IN("<"),
    OUT(">"),
    APPEND(">>"),
    CLOBBER(">|"),
    READ_WRITE("<>"),
    DUP_IN("<&"),
    DUP_OUT(">&"),
    /** bash: stdout and stderr to a file. */
    OUT_ALL("&>"),
    APPEND_ALL("&>>"),
    HEREDOC("<<"),
    /** {@code <<-}: leading tabs are removed from the body and the delimiter line. */
    HEREDOC_STRIP("<<-"),
    /** bash's here-string {@code <<< word}. */
    HERESTRING("<<<");

    private final String symbol;

    RedirectOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isHereDoc() {
        return this == HEREDOC || this == HEREDOC_STRIP;
    }

    /** Feeds the command's standard input from the script itself (heredoc or here-string). */
    public boolean isInlineInput() {
        return isHereDoc() || this == HERESTRING;
    }

    static RedirectOperator of(String symbol) {
        for (RedirectOperator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException(symbol);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
