package dev.drydock.core.dockerfile.expand;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.Span;

/**
 * One variable reference in an expanded word, such as {@code $HOME} or {@code ${VERSION:-3.12}}: the
 * name looked up, where the reference stands in the input ({@code start} at its {@code $},
 * {@code end} just past its last character), its form, and whether the environment had the
 * variable.
 *
 * @param name the variable name; a special parameter such as {@code $}, {@code 1} or {@code @}
 *     (which BuildKit looks up like any other name and never finds), or empty for the odd
 *     {@code ${/a/b}}
 * @param start input index of the {@code $}
 * @param end input index just past the reference ({@code }} included for the braced forms)
 * @param braced whether the reference uses {@code ${...}}
 * @param operator the {@code ${...}} operator, {@link Operator#NONE} for {@code $NAME} and {@code ${NAME}}
 * @param colon whether the operator had a leading {@code :} ({@code ${A:-b}}: an empty value counts as unset)
 * @param set whether the environment had the variable
 */
public record VariableReference(
        String name, int start, int end, boolean braced, Operator operator, boolean colon, boolean set) {

    /** The operator of a {@code ${NAME<op>word}} reference, as written. */
    public enum Operator {
        /** {@code $NAME} or {@code ${NAME}}. */
        NONE(""),
        /** {@code ${NAME-word}} / {@code ${NAME:-word}}: the word when unset (or empty). */
        DEFAULT("-"),
        /** {@code ${NAME+word}} / {@code ${NAME:+word}}: the word when set (and not empty), else nothing. */
        ALTERNATIVE("+"),
        /** {@code ${NAME?message}} / {@code ${NAME:?message}}: an error when unset (or empty). */
        REQUIRED("?"),
        /** {@code ${NAME#pattern}}: remove the shortest matching prefix. */
        REMOVE_SHORTEST_PREFIX("#"),
        /** {@code ${NAME##pattern}}: remove the longest matching prefix. */
        REMOVE_LONGEST_PREFIX("##"),
        /** {@code ${NAME%pattern}}: remove the shortest matching suffix. */
        REMOVE_SHORTEST_SUFFIX("%"),
        /** {@code ${NAME%%pattern}}: remove the longest matching suffix. */
        REMOVE_LONGEST_SUFFIX("%%"),
        /** {@code ${NAME/pattern/replacement}}: replace the first match. */
        REPLACE_FIRST("/"),
        /** {@code ${NAME//pattern/replacement}}: replace every match. */
        REPLACE_ALL("//"),
        /** A form BuildKit rejects (only seen on references that ended in an error). */
        UNSUPPORTED("");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written, without the optional leading colon. */
        public String symbol() {
            return symbol;
        }
    }

    /** Input index of the first character of the name. */
    public int nameStart() {
        return start + (braced ? 2 : 1);
    }

    /** Input index just past the name. */
    public int nameEnd() {
        return nameStart() + name.length();
    }

    /**
     * Whether the name is a shell special parameter ({@code $$}, {@code $1}, {@code $@}, ...) or
     * empty rather than a variable name a Dockerfile could define.
     */
    public boolean isSpecialParameter() {
        if (name.isEmpty()) {
            return true;
        }
        int first = name.codePointAt(0);
        if (GoChars.isDigit(first)) {
            return true;
        }
        return name.length() == 1 && "@*#?-$!".indexOf(first) >= 0;
    }

    /**
     * The file span of this reference when the expanded word is {@code text} from index
     * {@code wordStart} on (the word is a substring of the instruction's mapped text).
     */
    public Span span(MappedText text, int wordStart) {
        return text.fileSpan(wordStart + start, wordStart + end);
    }
}
