package dev.drydock.core.dockerfile.syntax;

import java.util.List;

/**
 * A list of words: FROM and EXPOSE (split on white space), COPY, ADD and VOLUME (a JSON array of
 * strings when {@code json}, else split on white space, quotes kept). A heredoc marker such as
 * {@code <<EOF} of COPY and ADD appears here as a word too; the instruction's heredocs say what it names.
 */
public record WordList(List<Word> words, boolean json) implements Arguments {

    public WordList {
        words = List.copyOf(words);
    }

    public List<String> values() {
        return words.stream().map(Word::value).toList();
    }

    @Override
    public boolean isJson() {
        return json;
    }
}
