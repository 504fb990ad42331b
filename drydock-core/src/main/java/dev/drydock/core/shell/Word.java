package dev.drydock.core.shell;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * A shell word as written ({@code "$HOME"/bin}, {@code --no-install-recommends}, {@code 'a b'}), with its
 * position and its parts. {@link #value()} is the best static reading of it: quotes removed, escapes
 * decoded, expansions kept as written; when the word has no expansion that reading is exact and
 * {@link #literal()} returns it.
 */
public final class Word {

    private final String raw;
    private final Span span;
    private final List<WordPart> parts;
    private final String value;
    private final boolean expansion;
    private final boolean quoted;
    private final boolean glob;
    private final boolean commandSubstitution;
    /** The text the word was parsed from and, for each character of {@link #value}, its index there. */
    final MappedText text;
    final int[] valueIndex;
    final int start;
    final int end;
    Assignment assignment;

    Word(MappedText text, int start, int end, Span span, List<WordPart> parts, String value, int[] valueIndex,
            boolean expansion, boolean quoted, boolean glob, boolean commandSubstitution) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.raw = text.text().substring(start, end);
        this.span = span;
        this.parts = List.copyOf(parts);
        this.value = value;
        this.valueIndex = valueIndex;
        this.expansion = expansion;
        this.quoted = quoted;
        this.glob = glob;
        this.commandSubstitution = commandSubstitution;
    }

    /** The word exactly as in the script text (line continuations included, if any). */
    public String raw() {
        return raw;
    }

    /** Where the word is in the file. */
    public Span span() {
        return span;
    }

    public List<WordPart> parts() {
        return parts;
    }

    /**
     * Quotes removed and escapes decoded; parameter, command and arithmetic expansions are kept as
     * written ({@code "$HOME/x"} gives {@code $HOME/x}). Exact when {@link #isLiteral()}.
     */
    public String value() {
        return value;
    }

    /** The value, if the word has no expansion (globs and tildes don't count: they stay text). */
    public Optional<String> literal() {
        return expansion ? Optional.empty() : Optional.of(value);
    }

    public boolean isLiteral() {
        return !expansion;
    }

    /** Contains a parameter, command, arithmetic or process substitution expansion. */
    public boolean hasExpansion() {
        return expansion;
    }

    /** Contains a command substitution {@code $(...)}/{@code `...`} or a process substitution. */
    public boolean hasCommandSubstitution() {
        return commandSubstitution;
    }

    /** Contains quotes or backslash escapes (so it can't be a reserved word, and a heredoc delimiter is quoted). */
    public boolean isQuoted() {
        return quoted;
    }

    /** Contains an unquoted {@code *}, {@code ?} or {@code [} (a pathname pattern), or a bash extglob. */
    public boolean hasUnquotedGlob() {
        return glob;
    }

    /** The assignment this word makes, if it has the form {@code NAME=value} ({@code NAME+=}, {@code NAME[i]=}). */
    public Optional<Assignment> asAssignment() {
        return Optional.ofNullable(assignment);
    }

    @Override
    public String toString() {
        return raw;
    }
}
