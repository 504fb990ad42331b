package dev.drydock.core.dockerfile.expand;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The outcome of expanding one word: either the expanded text (BuildKit's {@code ProcessWord}) and
 * its whitespace-split form ({@code ProcessWords}), or an {@link ExpansionError}; in both cases the
 * variable references met on the way, with their input ranges.
 *
 * <p>Indexes are UTF-16 indexes into the input word. {@link #sourceIndex(int)} maps each character
 * of {@link #value()} back to the input: a literal or escaped character to itself, a character that
 * came from a variable's value (or from a {@code #}, {@code %} or {@code /} operation) to the
 * {@code $} of its reference.
 */
public final class Expansion {

    /**
     * One word of the split form, with the input range it came from ({@code end} exclusive; a word
     * from a variable's value covers the whole reference, a quoted word includes its quotes).
     */
    public record Word(String text, int start, int end) {}

    private final String input;
    private final String value;
    private final int[] sourceMap; // null: identity
    private final Supplier<List<Word>> wordSplitter; // null on error
    private List<Word> words;
    private final List<VariableReference> references;
    private final Set<String> matched;
    private final Set<String> unmatched;
    private final ExpansionError error;

    Expansion(String input, String value, int[] sourceMap, Supplier<List<Word>> wordSplitter,
            List<VariableReference> references, Set<String> matched, Set<String> unmatched, ExpansionError error) {
        this.input = input;
        this.value = value;
        this.sourceMap = sourceMap;
        this.wordSplitter = wordSplitter;
        this.references = references;
        this.matched = matched;
        this.unmatched = unmatched;
        this.error = error;
    }

    /** The word as given. */
    public String input() {
        return input;
    }

    /** Whether the word expanded without error. */
    public boolean ok() {
        return error == null;
    }

    /** Why the word could not be expanded, or {@code null} when it could. */
    public ExpansionError error() {
        return error;
    }

    /** The expanded word, quotes and escapes removed (ProcessWord); throws when {@link #ok()} is false. */
    public String value() {
        if (error != null) {
            throw new ExpansionException(input, error);
        }
        return value;
    }

    /** The expanded word, or {@code fallback} when the word could not be expanded. */
    public String valueOr(String fallback) {
        return error == null ? value : fallback;
    }

    /**
     * Input index a character of {@link #value()} came from; {@code index == value().length()} maps
     * to the input length.
     */
    public int sourceIndex(int index) {
        value();
        if (index < 0 || index > value.length()) {
            throw new IndexOutOfBoundsException(index);
        }
        if (index == value.length()) {
            return input.length();
        }
        return sourceMap == null ? index : sourceMap[index];
    }

    /**
     * The expanded word split on white space (ProcessWords, which only EXPOSE uses): white space
     * from a variable's value or unquoted in the word separates words, quoted or escaped white space
     * does not, and empty words are dropped. Throws when {@link #ok()} is false.
     */
    public List<Word> words() {
        value();
        List<Word> w = words;
        if (w == null) {
            w = wordSplitter.get(); // computed on demand: only EXPOSE needs it
            words = w;
        }
        return w;
    }

    /** The texts of {@link #words()}. */
    public List<String> wordTexts() {
        List<Word> all = words();
        List<String> texts = new ArrayList<>(all.size());
        for (Word w : all) {
            texts.add(w.text());
        }
        return texts;
    }

    /**
     * Every variable reference whose variable was looked up, in input order (also for a failed
     * expansion, up to the failure). A reference inside another's word ({@code ${A:-$B}}) is
     * listed, and looked up, even when the outer variable is set.
     */
    public List<VariableReference> references() {
        return references;
    }

    /** Whether the word refers to any variable. */
    public boolean hasReferences() {
        return !references.isEmpty();
    }

    /** Names looked up and found, in first-use order (BuildKit's {@code Matched}). */
    public Set<String> matched() {
        return matched;
    }

    /**
     * Names looked up and not found, in first-use order (BuildKit's {@code Unmatched}, the input of
     * its UndefinedVar check); includes special parameters such as {@code $} for {@code $$}.
     */
    public Set<String> unmatched() {
        return unmatched;
    }

    static List<VariableReference> sortedByStart(List<VariableReference> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        List<VariableReference> copy = new ArrayList<>(refs);
        copy.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return Collections.unmodifiableList(copy);
    }

    @Override
    public String toString() {
        return error == null ? value : "error: " + error.message();
    }
}
