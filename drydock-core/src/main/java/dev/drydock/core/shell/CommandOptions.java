package dev.drydock.core.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments read as options and operands, the GNU way: options may come after operands
 * ({@code apt-get install -y curl}), {@code --} ends them, {@code --name=value} carries a value,
 * {@code -qy} is the cluster {@code -q -y}. Which options take a value can't be known without the
 * tool's manual, so the caller names them (e.g. {@code "-o", "--target-release"}); any other option
 * is read as a flag without value.
 *
 * <p>A single-dash word is recorded both whole and as a cluster: {@code -name} matches
 * {@code has("-name")} and also {@code has("-n")}. Pass such words as value options to avoid the
 * cluster reading.
 */
public final class CommandOptions {

    /** One option occurrence: its name, the word it was written in, and its value (or null). */
    private record Option(String name, Word word, String value, Word valueWord) {}

    private final List<Option> options = new ArrayList<>();
    private final List<Word> operands = new ArrayList<>();

    CommandOptions(List<Word> arguments, Collection<String> valueOptions) {
        Set<String> takesValue = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(valueOptions));
        boolean endOfOptions = false;
        int n = arguments.size();
        for (int i = 0; i < n; i++) {
            Word word = arguments.get(i);
            String v = word.value();
            if (endOfOptions || v.length() < 2 || v.charAt(0) != '-') {
                operands.add(word);
                continue;
            }
            if (v.equals("--")) {
                endOfOptions = true;
                continue;
            }
            if (v.startsWith("--")) {
                int eq = v.indexOf('=');
                if (eq > 0) {
                    options.add(new Option(v.substring(0, eq), word, v.substring(eq + 1), word));
                } else if (takesValue.contains(v) && i + 1 < n) {
                    Word next = arguments.get(++i);
                    options.add(new Option(v, word, next.value(), next));
                } else {
                    options.add(new Option(v, word, null, null));
                }
                continue;
            }
            if (takesValue.contains(v)) {
                Word next = i + 1 < n ? arguments.get(++i) : null;
                options.add(new Option(v, word, next == null ? null : next.value(), next));
                continue;
            }
            if (v.length() > 2) {
                options.add(new Option(v, word, null, null));
            }
            for (int k = 1; k < v.length(); k++) {
                String name = "-" + v.charAt(k);
                if (takesValue.contains(name)) {
                    String rest = v.substring(k + 1);
                    if (!rest.isEmpty()) {
                        options.add(new Option(name, word, rest, word));
                    } else if (i + 1 < n) {
                        Word next = arguments.get(++i);
                        options.add(new Option(name, word, next.value(), next));
                    } else {
                        options.add(new Option(name, word, null, null));
                    }
                    break;
                }
                options.add(new Option(name, word, null, null));
            }
        }
    }

    /** Whether any of the options is given ({@code "--yes"}, {@code "-y"} also inside {@code -qy}, {@code "--opt"} for {@code --opt=v}). */
    public boolean has(String... names) {
        return find(names).isPresent();
    }

    /** The word where the first of these options occurs (for its line and column). */
    public Optional<Word> find(String... names) {
        for (Option option : options) {
            for (String name : names) {
                if (option.name.equals(name)) {
                    return Optional.of(option.word);
                }
            }
        }
        return Optional.empty();
    }

    /** How many times the option occurs ({@code -qq} counts {@code -q} twice). */
    public int count(String name) {
        int count = 0;
        for (Option option : options) {
            if (option.name.equals(name)) {
                count++;
            }
        }
        return count;
    }

    /** The value of the last occurrence of {@code name} that has one. */
    public Optional<String> value(String name) {
        for (int i = options.size() - 1; i >= 0; i--) {
            Option option = options.get(i);
            if (option.name.equals(name) && option.value != null) {
                return Optional.of(option.value);
            }
        }
        return Optional.empty();
    }

    /** The word holding the value of the last occurrence of {@code name} (for {@code --opt=v}, the whole word). */
    public Optional<Word> valueWord(String name) {
        for (int i = options.size() - 1; i >= 0; i--) {
            Option option = options.get(i);
            if (option.name.equals(name) && option.valueWord != null) {
                return Optional.of(option.valueWord);
            }
        }
        return Optional.empty();
    }

    /** The values of every occurrence of {@code name}, in order. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Option option : options) {
            if (option.name.equals(name) && option.value != null) {
                values.add(option.value);
            }
        }
        return values;
    }

    /** The option names in order of appearance (clusters expanded; single-dash words also whole). */
    public List<String> names() {
        return options.stream().map(Option::name).toList();
    }

    /** The arguments that are not options or option values, in order. */
    public List<Word> operands() {
        return List.copyOf(operands);
    }

    /** The first operand's value: {@code install} in {@code apt-get -y install curl}. */
    public Optional<String> subcommand() {
        return operands.isEmpty() ? Optional.empty() : Optional.of(operands.get(0).value());
    }

    public Optional<Word> subcommandWord() {
        return operands.isEmpty() ? Optional.empty() : Optional.of(operands.get(0));
    }
}
