package dev.drydock.core.project;

import java.util.List;
import java.util.function.Predicate;

/**
 * One option of a command line read from a script: {@code --name=value}, {@code -n value} or a flag (null value);
 * {@code next} is the index of the word after it.
 */
record CommandOption(String name, String value, int next) {

    /** The option that starts at word {@code i}; {@code takesValue} tells which options take the next word. */
    static CommandOption at(List<String> words, int i, Predicate<String> takesValue) {
        String word = words.get(i);
        int eq = word.indexOf('=');
        if (eq > 0 && word.startsWith("--")) {
            return new CommandOption(word.substring(0, eq), word.substring(eq + 1), i + 1);
        }
        if (takesValue.test(word) && i + 1 < words.size()) {
            return new CommandOption(word, words.get(i + 1), i + 2);
        }
        return new CommandOption(word, null, i + 1);
    }
}
