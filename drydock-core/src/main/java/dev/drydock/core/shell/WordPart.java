package dev.drydock.core.shell;

import dev.drydock.core.source.Span;
import java.util.List;

/**
 * One piece of a {@link Word}: literal text, a quoted string, or an expansion. Globs ({@code *},
 * {@code ?}, {@code [..]}), brace expressions and tildes stay inside {@link Literal}s as text.
 */
public sealed interface WordPart {

    /** Where the part is, in the file the script came from. */
    Span span();

    /** Unquoted text, backslash escapes removed ({@code a\ b} is {@code "a b"}). */
    record Literal(String value, Span span) implements WordPart {}

    /** {@code '...'}: the text between the quotes, unchanged. */
    record SingleQuoted(String value, Span span) implements WordPart {}

    /** {@code $'...'}: the value after the ANSI-C escapes ({@code \n}, {@code \x41}, ...) are decoded. */
    record AnsiCQuoted(String value, Span span) implements WordPart {}

    /**
     * {@code "..."} (or bash's {@code $"..."} when {@code localized}): literals (with {@code \$ \` \" \\}
     * unescaped) and expansions.
     */
    record DoubleQuoted(List<WordPart> parts, boolean localized, Span span) implements WordPart {}

    /**
     * {@code $NAME}, {@code $1}, {@code $@}, or {@code ${...}}, recognised as a unit.
     *
     * @param name the parameter: {@code PATH}, {@code 1}, {@code @}; empty when malformed
     * @param braced written {@code ${...}}
     * @param prefix {@code "#"} for a length {@code ${#x}}, {@code "!"} for indirection {@code ${!x}}, else ""
     * @param index the raw subscript of {@code ${a[i]}}, or null
     * @param operator what follows the name: {@code ":-"}, {@code "-"}, {@code ":="}, {@code "?"}, {@code "+"},
     *     {@code "#"}, {@code "##"}, {@code "%"}, {@code "%%"}, {@code "/"}, {@code "//"}, {@code "^^"}, {@code ":"} ...,
     *     or "" when none
     * @param argument the word after the operator ({@code default} in {@code ${X:-default}}), or null
     * @param raw the source text, {@code $...} included
     */
    record ParamExpansion(String name, boolean braced, String prefix, String index, String operator, Word argument,
            String raw, Span span) implements WordPart {}

    /** {@code $(...)} or {@code `...`} ({@code backquoted}); the body is parsed, with positions. */
    record CommandSubstitution(StatementList body, boolean backquoted, String raw, Span span) implements WordPart {}

    /** {@code $((...))}: the expression as written, and the expansions found inside it. */
    record ArithmeticExpansion(String expression, List<WordPart> expansions, String raw, Span span)
            implements WordPart {}

    /** bash's {@code <(...)} ({@code input}) or {@code >(...)}; the body is parsed. */
    record ProcessSubstitution(boolean input, StatementList body, String raw, Span span) implements WordPart {}

    /** bash's array value {@code (a b c)} in {@code arr=(a b c)}. */
    record ArrayLiteral(List<Word> elements, Span span) implements WordPart {}
}
