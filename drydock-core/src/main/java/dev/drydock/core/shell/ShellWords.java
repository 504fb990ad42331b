package dev.drydock.core.shell;

import dev.drydock.core.shell.CommandNode.SimpleCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string into words by the shell's quoting rules, for values programs split that way
 * ({@code GUNICORN_CMD_ARGS}, {@code JAVA_TOOL_OPTIONS}, {@code env -S}).
 */
public final class ShellWords {

    private ShellWords() {}

    /** The words after {@code cross-env} or {@code env} and the variables they set; the words themselves otherwise. */
    public static List<String> withoutEnvironment(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("cross-env") && !words.get(0).equals("env")) {
            return words;
        }
        int i = 1;
        while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            i++;
        }
        return words.subList(i, words.size());
    }

    /**
     * The words of {@code text}: blanks separate them, quotes and backslashes are removed, and
     * nothing is expanded ({@code '$PORT'} and {@code $PORT} both give {@code $PORT}). As in the
     * shell, operators ({@code ;}, {@code |}, {@code &&}) also end words and redirections are left
     * out. Text that is not a list of simple commands (control flow, a here-document, an array, an
     * unterminated quote) is split at blanks only.
     */
    public static List<String> split(String text) {
        ShellScript script = ShellScript.parse(text);
        if (script.hasProblems()) {
            return splitAtBlanks(text);
        }
        List<String> words = new ArrayList<>();
        for (AndOrList item : script.body().items()) {
            for (Pipeline pipeline : item.pipelines()) {
                for (CommandNode node : pipeline.commands()) {
                    if (!(node instanceof SimpleCommand simple) || pipeline.negated() || !addWords(simple, words)) {
                        return splitAtBlanks(text);
                    }
                }
            }
        }
        return words;
    }

    /** Adds the command's assignments and words; false when it has an array or inline input. */
    private static boolean addWords(SimpleCommand command, List<String> words) {
        if (command.redirects().stream().anyMatch(r -> r.operator().isInlineInput())) {
            return false;
        }
        for (Assignment assignment : command.assignments()) {
            if (assignment.isArray()) {
                return false;
            }
            String index = assignment.index() == null ? "" : "[" + assignment.index() + "]";
            words.add(assignment.name() + index + (assignment.append() ? "+=" : "=") + assignment.value().value());
        }
        for (Word word : command.words()) {
            words.add(word.value());
        }
        return true;
    }

    private static List<String> splitAtBlanks(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
