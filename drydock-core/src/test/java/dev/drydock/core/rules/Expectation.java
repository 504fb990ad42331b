package dev.drydock.core.rules;

/**
 * What a rule fixture says a rule must report: a finding or a strength of {@code rule} in
 * {@code file} covering {@code line} (0: anywhere in the file; file null: the project as a whole);
 * for kind {@code text}, that a finding or strength there says {@code text}.
 */
record Expectation(String kind, String rule, String file, int line, String source, String text) {

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
        return kind + " " + rule + (text == null ? "" : " saying \"" + text + "\"") + " at " + (file == null ? "(anywhere)" : file + (line == 0 ? "" : ":" + line))
                + " (" + source + ")";
    }
}
