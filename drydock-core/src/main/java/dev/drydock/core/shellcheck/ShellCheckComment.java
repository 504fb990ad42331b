package dev.drydock.core.shellcheck;

/**
 * One thing ShellCheck said about a script: its code ({@code 2086} for SC2086), level ({@code error},
 * {@code warning}, {@code info}, {@code style}) and message, at 1-based lines and character columns.
 */
public record ShellCheckComment(int line, int column, int endLine, int endColumn, String level, int code,
        String message) {

    public String id() {
        return "SC" + code;
    }
}
