package dev.drydock.core.rules;

import dev.drydock.core.review.Location;

/**
 * What a rule fixture says a rule must report: a finding or a strength of {@code rule} in
 * {@code file} covering {@code line} (0: anywhere in the file; file null: the project as a whole),
 * starting exactly at {@code column} of that line when the column is not 0; for kind {@code text},
 * that a finding or strength there says {@code text}.
 */
record Expectation(String kind, String rule, String file, int line, int column, String source, String text) {

    Expectation(String kind, String rule, String file, int line, String source, String text) {
        this(kind, rule, file, line, 0, source, text);
    }

    boolean matches(String actualRule, Location location) {
        if (column != 0 && (location.span() == null || location.line() != line
                || location.span().startColumn() != column)) {
            return false;
        }
        return matches(actualRule, location.file(), location.line(), location.endLine());
    }

    boolean matches(String actualRule, String actualFile, int start, int end) {
        if (!rule.equals(actualRule)) {
            return false;
        }
        if (file == null) {
            return true;
        }
        if (!file.equals(actualFile)) {
            return false;
        }
        return line == 0 || (start <= line && line <= Math.max(start, end));
    }

    @Override
    public String toString() {
        return kind + " " + rule + (text == null ? "" : " saying \"" + text + "\"") + " at " + (file == null ? "(anywhere)" : file + (line == 0 ? "" : ":" + line + (column == 0 ? "" : ":" + column)))
                + " (" + source + ")";
    }
}
