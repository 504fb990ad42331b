package dev.drydock.core.shell;

import dev.drydock.core.source.Span;

/**
 * A redirection: {@code > file}, {@code 2>&1}, {@code &>/dev/null}, {@code <<EOF}, {@code <<< "$x"}.
 *
 * @param fd the descriptor written before the operator ({@code "2"} in {@code 2>&1}, {@code "{var}"}
 *     for bash's named descriptors), or null
 * @param operator the operator
 * @param target the file, descriptor ({@code 1}, {@code -}), here-string word or heredoc delimiter as
 *     written; null only when missing (a recorded syntax problem)
 * @param hereDoc the here-document, for {@code <<} and {@code <<-}; else null
 * @param span the redirection in the file (a heredoc's body excluded: see {@link HereDoc#bodySpan()})
 */
public record Redirect(String fd, RedirectOperator operator, Word target, HereDoc hereDoc, Span span) {

    /** The descriptor redirected: the explicit one, else 0 for input operators and 1 for output ones. */
    public String effectiveFd() {
        if (fd != null) {
            return fd;
        }
        return switch (operator) {
            case IN, READ_WRITE, DUP_IN, HEREDOC, HEREDOC_STRIP, HERESTRING -> "0";
            default -> "1";
        };
    }
}
