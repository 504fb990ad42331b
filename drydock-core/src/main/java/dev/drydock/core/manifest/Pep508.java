package dev.drydock.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads PEP 508 dependency specifications, reporting where a malformed one goes wrong. */
final class Pep508 {

    /** A parsed requirement, or the problem and its index in the text. */
    record Result(PythonRequirement requirement, String error, int errorIndex) {
        boolean ok() {
            return requirement != null;
        }
    }

    private static final String[] OPERATORS = {"===", "~=", "==", "!=", "<=", ">=", "<", ">"};
    private static final Pattern WILDCARD_VERSION = Pattern.compile("v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*\\.\\*",
            Pattern.CASE_INSENSITIVE);

    private final String text;
    private int pos;

    private Pep508(String text) {
        this.text = text;
    }

    static Result parse(String text) {
        return new Pep508(text).requirement();
    }

    static boolean isNameStart(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || c == '-' || c == '_' || c == '.';
    }

    private Result requirement() {
        skipSpace();
        String name = name();
        if (name == null) {
            return error("expected a package name");
        }
        skipSpace();
        List<String> extras = new ArrayList<>();
        if (peek() == '[') {
            pos++;
            skipSpace();
            while (peek() != ']') {
                String extra = name();
                if (extra == null) {
                    return error("expected an extra name");
                }
                extras.add(extra);
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != ']') {
                    return error("expected ',' or ']' after an extra");
                }
            }
            pos++;
            skipSpace();
        }
        String url = null;
        List<VersionSpecifier> specifiers = new ArrayList<>();
        if (peek() == '@') {
            pos++;
            skipSpace();
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            url = text.substring(start, pos);
            if (url.isEmpty()) {
                return error("expected a URL after '@'");
            }
            int beforeSpace = pos;
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ';' && beforeSpace == pos) {
                return error("a URL requirement needs a space before ';'");
            }
        } else {
            boolean parenthesized = peek() == '(';
            if (parenthesized) {
                pos++;
                skipSpace();
            }
            if (startsWithOperator()) {
                while (true) {
                    skipSpace();
                    String op = operator();
                    if (op == null) {
                        return error("expected a version operator");
                    }
                    skipSpace();
                    int start = pos;
                    while (pos < text.length() && isVersionChar(text.charAt(pos))) {
                        if (text.startsWith("${", pos) && text.indexOf('}', pos) > 0) {
                            pos = text.indexOf('}', pos) + 1; // an environment variable pip substitutes
                        } else {
                            pos++;
                        }
                    }
                    String version = text.substring(start, pos);
                    String problem = version.contains("${") ? null : checkVersion(op, version);
                    if (problem != null) {
                        pos = start;
                        return error(problem);
                    }
                    specifiers.add(new VersionSpecifier(op, version));
                    skipSpace();
                    if (peek() == ',') {
                        pos++;
                        continue;
                    }
                    break;
                }
            }
            if (parenthesized) {
                skipSpace();
                if (peek() != ')') {
                    return error("expected ')'");
                }
                pos++;
                skipSpace();
            }
        }
        String marker = null;
        if (peek() == ';') {
            pos++;
            marker = text.substring(pos).trim();
            if (marker.isEmpty()) {
                return error("expected an environment marker after ';'");
            }
            pos = text.length();
        }
        skipSpace();
        if (pos < text.length()) {
            return error("unexpected '" + text.charAt(pos) + "'");
        }
        return new Result(new PythonRequirement(name, extras, specifiers, url, marker), null, -1);
    }

    private static boolean isVersionChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '*' || c == '+' || c == '!' || c == '-'
                || c == '_' || c == '$');
    }

    /** Why a clause's version is not allowed with its operator, or null. */
    static String checkVersion(String op, String version) {
        if (version.isEmpty()) {
            return "expected a version after '" + op + "'";
        }
        if (op.equals("===")) {
            return null;
        }
        if (version.endsWith(".*")) {
            if (!op.equals("==") && !op.equals("!=")) {
                return "a wildcard version is only allowed with == and !=";
            }
            return WILDCARD_VERSION.matcher(version).matches() ? null : "invalid version '" + version + "'";
        }
        var parsed = Pep440Version.parse(version);
        if (parsed.isEmpty()) {
            return "invalid version '" + version + "'";
        }
        if (op.equals("~=") && parsed.get().release().size() < 2) {
            return "~= needs at least two release numbers";
        }
        if (parsed.get().local() != null && !op.equals("==") && !op.equals("!=")) {
            return "a local version label is only allowed with == and !=";
        }
        return null;
    }

    private boolean startsWithOperator() {
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                return true;
            }
        }
        return false;
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    private String name() {
        int start = pos;
        if (pos >= text.length() || !isNameStart(text.charAt(pos))) {
            return null;
        }
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        while (pos > start + 1 && !isNameStart(text.charAt(pos - 1))) {
            pos--; // a name ends with a letter or digit
        }
        return text.substring(start, pos);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private Result error(String message) {
        return new Result(null, message, Math.min(pos, text.length()));
    }
}
