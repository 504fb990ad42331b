package dev.drydock.core.compose;

import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.source.Span;
import java.util.List;

/**
 * A scalar: its text as YAML gives it ({@link #raw()}), its type as YAML's core schema resolves a plain
 * scalar ({@link #kind()}: quoted scalars are strings), and its value after variable interpolation
 * ({@link #value()}). Interpolation only touches strings and leaves {@link #kind()} a string.
 */
public final class ScalarNode extends Node {

    /** The YAML type of a scalar. */
    public enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /** How the scalar was written. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    private final String raw;
    private final Kind kind;
    private final Style style;
    private String value;
    private List<Substitution> substitutions = List.of();
    private final int contentStart;
    private final boolean exactText;

    ScalarNode(ComposeFile origin, Span span, String tag, String raw, Kind kind, Style style, int contentStart,
            boolean exactText) {
        super(origin, span, tag);
        this.raw = raw;
        this.kind = kind;
        this.style = style;
        this.value = raw;
        this.contentStart = contentStart;
        this.exactText = exactText;
    }

    /** A scalar made by drydock (a value split off another one), pointing at {@code span}. */
    static ScalarNode derived(ComposeFile origin, Span span, String value, Kind kind) {
        return new ScalarNode(origin, span, null, value, kind, Style.PLAIN, span.start(), true);
    }

    /**
     * The part of {@code item} from {@code from} on, as a scalar of its own with its text as written, its value after
     * interpolation and the {@code $} expressions in it (their indexes shifted to the part).
     */
    static ScalarNode tail(ScalarNode item, int from, String value) {
        ScalarNode tail = new ScalarNode(item.origin(), item.spanOf(from, item.raw().length()), null,
                item.raw().substring(from), Kind.STRING, Style.PLAIN,
                item.exactText ? item.contentStart + from : item.span().start(), item.exactText);
        tail.value = value;
        tail.substitutions = item.substitutions.stream().filter(x -> x.start() >= from)
                .map(x -> new Substitution(x.name(), x.operator(), x.start() - from, x.end() - from, x.argument(),
                        x.argumentStart() < 0 ? -1 : x.argumentStart() - from, x.variableValue(), x.usedArgument(),
                        x.result(), x.nested()))
                .toList();
        return tail;
    }

    /** The scalar's text as the YAML parser gives it, before interpolation. */
    public String raw() {
        return raw;
    }

    /** The value after interpolation; equal to {@link #raw()} when there was nothing to interpolate. */
    public String value() {
        return value;
    }

    public Kind kind() {
        return kind;
    }

    public Style style() {
        return style;
    }

    public boolean isQuoted() {
        return style == Style.SINGLE_QUOTED || style == Style.DOUBLE_QUOTED;
    }

    public boolean isString() {
        return kind == Kind.STRING;
    }

    /** The {@code $} expressions interpolated in this scalar, outer before nested. */
    public List<Substitution> substitutions() {
        return substitutions;
    }

    void interpolated(String newValue, List<Substitution> subs) {
        this.value = newValue;
        this.substitutions = List.copyOf(subs);
    }

    /**
     * The file span of characters {@code start..end} of {@link #raw()}: exact for single-line scalars
     * without escapes (the common case), the whole scalar otherwise.
     */
    public Span spanOf(int start, int end) {
        if (!exactText) {
            return span();
        }
        int from = Math.min(contentStart + start, span().end());
        int to = Math.min(contentStart + end, span().end());
        return file().span(from, Math.max(from, to));
    }

    /** The file span of a substitution of this scalar. */
    public Span spanOf(Substitution s) {
        return spanOf(s.start(), s.end());
    }

    /** The file span of a substitution's argument (the default text of {@code ${X:-default}}). */
    public Span argumentSpanOf(Substitution s) {
        if (s.argument() == null) {
            return spanOf(s);
        }
        return spanOf(s.argumentStart(), s.argumentEnd());
    }

    /** Whether character indexes of {@link #raw()} map exactly onto the file. */
    public boolean hasExactText() {
        return exactText;
    }

    /** The value as an integer when it is one (an integer scalar or a string of digits), else {@code null}. */
    public Long asLong() {
        String v = value.trim();
        if (kind == Kind.INTEGER || kind == Kind.STRING) {
            try {
                if (v.startsWith("0x") || v.startsWith("0X")) {
                    return Long.parseLong(v.substring(2), 16);
                }
                if (v.startsWith("0o")) {
                    return Long.parseLong(v.substring(2), 8);
                }
                return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (kind == Kind.FLOAT) {
            Double d = asDouble();
            if (d != null && d == Math.rint(d) && !d.isInfinite()) {
                return d.longValue();
            }
        }
        return null;
    }

    /** The value as a number when it is one, else {@code null}. */
    public Double asDouble() {
        if (kind == Kind.BOOLEAN || kind == Kind.NULL) {
            return null;
        }
        String v = value.trim();
        switch (v) {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf", "-.Inf", "-.INF" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan", ".NaN", ".NAN" -> {
                return Double.NaN;
            }
            default -> { }
        }
        if (v.isEmpty() || !(Character.isDigit(v.charAt(0)) || v.charAt(0) == '-' || v.charAt(0) == '+' || v.charAt(0) == '.')) {
            return null;
        }
        Long l = kind == Kind.FLOAT ? null : asLong();
        if (l != null) {
            return l.doubleValue();
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The value as a boolean: a YAML boolean, or a string compose casts to one after interpolation
     * ({@code y yes true on} / {@code n no false off}, any case); {@code null} otherwise.
     */
    public Boolean asBoolean() {
        if (kind == Kind.NULL || kind == Kind.INTEGER || kind == Kind.FLOAT) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "y", "on" -> Boolean.TRUE;
            case "false", "no", "n", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    @Override
    public String typeName() {
        return switch (kind) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case FLOAT -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
        };
    }

    @Override
    ScalarNode withTag(String newTag) {
        ScalarNode copy = new ScalarNode(origin(), span(), newTag, raw, kind, style, contentStart, exactText);
        copy.value = value;
        copy.substitutions = substitutions;
        return copy;
    }

    @Override
    public String toString() {
        return value;
    }
}
