package dev.drydock.core.compose.template;

import dev.drydock.core.compose.template.Substitution.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * Compose variable interpolation as compose-go's {@code template} package does it:
 * {@code $$} is a literal {@code $}; {@code $NAME} and {@code ${NAME}} take the variable's value (blank when
 * unset, which compose warns about); {@code ${NAME:-d}} / {@code ${NAME-d}} fall back to {@code d} when
 * the variable is unset or empty / unset; {@code ${NAME:?e}} / {@code ${NAME?e}} fail with {@code e};
 * {@code ${NAME:+a}} / {@code ${NAME+a}} give {@code a} when the variable is set and not empty / set.
 * Names match {@code [_A-Za-z][_A-Za-z0-9]*}. Arguments may hold further expressions
 * ({@code ${A:-${B:-x}}}); the closing brace is the one that balances the {@code ${} openers. Any other
 * {@code $} (a lone {@code $}, {@code $1}, {@code ${}}, {@code ${A B}}, an unclosed brace) is an
 * "Invalid template" error. Arguments are interpolated before the variable is looked at, as compose does,
 * so variables named in a default are reported even when the default is not used.
 */
public final class Template {

    /** Looks a variable up; {@code null} when it is not set. */
    @FunctionalInterface
    public interface Lookup {
        String get(String name);
    }

    /** The interpolated text and every expression met, in text order (outer before nested). */
    public record Result(String value, List<Substitution> substitutions) {

        public boolean changed(String original) {
            return !substitutions.isEmpty() || !value.equals(original);
        }
    }

    /** Deepest nesting of expressions in arguments accepted: it bounds the recursion (no real file nests ten). */
    static final int MAX_NESTING = 200;

    /**
     * Longest value interpolated, in chars: {@code A1=${A0}${A0}}, {@code A2=${A1}${A1}} ... in a .env file
     * double with every line, and sixty lines would need exabytes.
     */
    static final int MAX_LENGTH = 1 << 20;

    private final String text;
    private final Lookup lookup;
    private final boolean requiredMayBeMissing;
    private final List<Substitution> found = new ArrayList<>();
    private int depth;

    private Template(String text, Lookup lookup, boolean requiredMayBeMissing) {
        this.text = text;
        this.lookup = lookup;
        this.requiredMayBeMissing = requiredMayBeMissing;
    }

    /** Interpolates {@code text}. */
    public static Result substitute(String text, Lookup lookup) throws TemplateException {
        return substitute(text, lookup, false);
    }

    /**
     * Interpolates {@code text} as it reads without the variables a deployment provides: a required
     * variable without value ({@link Substitution#missingRequired()}) becomes blank instead of an error.
     */
    public static Result substituteAllowingMissingRequired(String text, Lookup lookup) throws TemplateException {
        return substitute(text, lookup, true);
    }

    private static Result substitute(String text, Lookup lookup, boolean requiredMayBeMissing) throws TemplateException {
        if (text.indexOf('$') < 0) {
            return new Result(text, List.of());
        }
        Template t = new Template(text, lookup, requiredMayBeMissing);
        String value = t.expand(0, text.length(), false);
        return new Result(value, List.copyOf(t.found));
    }

    /** Whether {@code text} contains anything interpolation would change. */
    public static boolean hasExpressions(String text) {
        return text.indexOf('$') >= 0;
    }

    private String expand(int from, int to, boolean nested) throws TemplateException {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= to) {
                throw invalid(i, to);
            }
            char n = text.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i += 2;
            } else if (isNameStart(n)) {
                int j = i + 2;
                while (j < to && isNamePart(text.charAt(j))) {
                    j++;
                }
                String name = text.substring(i + 1, j);
                String value = lookup.get(name);
                String result = value == null ? "" : value;
                found.add(new Substitution(name, Operator.NONE, i, j, null, -1, value, false, result, nested));
                out.append(result);
                i = j;
            } else if (n == '{') {
                i = braced(i, to, nested, out);
            } else {
                throw invalid(i, to);
            }
            if (out.length() > MAX_LENGTH) {
                throw new TemplateException("the value expands to more than " + MAX_LENGTH
                        + " characters (variables that double each other?)", from, to);
            }
        }
        return out.toString();
    }

    private int braced(int start, int to, boolean nested, StringBuilder out) throws TemplateException {
        int nameStart = start + 2;
        if (nameStart >= to || !isNameStart(text.charAt(nameStart))) {
            throw invalid(start, to);
        }
        int j = nameStart + 1;
        while (j < to && isNamePart(text.charAt(j))) {
            j++;
        }
        String name = text.substring(nameStart, j);
        if (j >= to) {
            throw invalid(start, to);
        }
        if (text.charAt(j) == '}') {
            String value = lookup.get(name);
            String result = value == null ? "" : value;
            found.add(new Substitution(name, Operator.NONE, start, j + 1, null, -1, value, false, result, nested));
            out.append(result);
            return j + 1;
        }
        Operator op = operatorAt(j, to);
        if (op == null) {
            throw invalid(start, to);
        }
        int argStart = j + op.symbol().length();
        int close = closingBrace(argStart, to);
        if (close < 0) {
            throw invalid(start, to);
        }
        int index = found.size();
        found.add(null); // the outer expression is listed before the ones in its argument
        if (++depth > MAX_NESTING) {
            throw new TemplateException("variable expressions nested more than " + MAX_NESTING + " deep", start, close + 1);
        }
        String argument;
        try {
            argument = expand(argStart, close, true);
        } finally {
            depth--;
        }
        String value = lookup.get(name);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        String result;
        boolean usedArgument;
        switch (op) {
            case DEFAULT_IF_UNSET_OR_EMPTY -> {
                usedArgument = !nonEmpty;
                result = usedArgument ? argument : value;
            }
            case DEFAULT_IF_UNSET -> {
                usedArgument = !set;
                result = usedArgument ? argument : value;
            }
            case ERROR_IF_UNSET_OR_EMPTY, ERROR_IF_UNSET -> {
                boolean ok = op == Operator.ERROR_IF_UNSET ? set : nonEmpty;
                if (!ok && !requiredMayBeMissing) {
                    found.remove(index);
                    throw new TemplateException(
                            "required variable " + name + " is missing a value: " + argument, start, close + 1);
                }
                usedArgument = false;
                result = value == null ? "" : value;
            }
            case ALTERNATIVE_IF_NOT_EMPTY -> {
                usedArgument = nonEmpty;
                result = usedArgument ? argument : (value == null ? "" : value);
            }
            case ALTERNATIVE_IF_SET -> {
                usedArgument = set;
                result = usedArgument ? argument : "";
            }
            default -> throw new IllegalStateException(op.toString());
        }
        found.set(index, new Substitution(name, op, start, close + 1, text.substring(argStart, close), argStart,
                value, usedArgument, result, nested));
        out.append(result);
        return close + 1;
    }

    private Operator operatorAt(int j, int to) {
        char c = text.charAt(j);
        if (c == ':' && j + 1 < to) {
            return switch (text.charAt(j + 1)) {
                case '-' -> Operator.DEFAULT_IF_UNSET_OR_EMPTY;
                case '?' -> Operator.ERROR_IF_UNSET_OR_EMPTY;
                case '+' -> Operator.ALTERNATIVE_IF_NOT_EMPTY;
                default -> null;
            };
        }
        return switch (c) {
            case '-' -> Operator.DEFAULT_IF_UNSET;
            case '?' -> Operator.ERROR_IF_UNSET;
            case '+' -> Operator.ALTERNATIVE_IF_SET;
            default -> null;
        };
    }

    /** The brace closing an expression whose argument starts at {@code from}: only {@code ${} opens. */
    private int closingBrace(int from, int to) {
        int depth = 1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '}') {
                if (--depth == 0) {
                    return i;
                }
            } else if (c == '$' && i + 1 < to && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            }
        }
        return -1;
    }

    private TemplateException invalid(int at, int to) {
        return new TemplateException("Invalid template: \"" + text + "\"", at, Math.min(to, at + 1));
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
