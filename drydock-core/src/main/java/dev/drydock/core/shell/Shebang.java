package dev.drydock.core.shell;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code #!} line of a script, read as Linux runs it: the interpreter path, then everything after it
 * up to the end of the line as one optional argument. Through {@code env} the program is the first word
 * of that argument ({@code #!/usr/bin/env bash}), or, with {@code -S}/{@code --split-string}, the first
 * word of the string env splits into words ({@code #!/usr/bin/env -S bash -eu}, GNU coreutils 8.30+ and
 * the BSDs).
 *
 * @param path the interpreter's path as written ({@code /usr/bin/env}, {@code /bin/bash})
 * @param command the program that runs the script and its arguments before the script's name
 *     ({@code [bash, -eu]}), env and its own options taken off; empty when env has no program
 */
public record Shebang(String path, List<String> command) {

    private static final List<String> POSIX_SHELLS = List.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh");

    public Shebang {
        command = List.copyOf(command);
    }

    /** The shebang at the start of a script's text, or empty when it has none. */
    public static Optional<Shebang> of(String text) {
        if (text == null || !text.startsWith("#!")) {
            return Optional.empty();
        }
        int end = text.indexOf('\n');
        String line = (end < 0 ? text.substring(2) : text.substring(2, end)).replace("\r", "").strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        int space = indexOfBlank(line);
        String path = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space).strip();
        List<String> command = new ArrayList<>();
        if (PathNames.fileName(path).equals("env")) {
            command.addAll(throughEnv(argument));
        } else {
            command.add(path);
            if (!argument.isEmpty()) {
                command.add(argument);
            }
        }
        return Optional.of(new Shebang(path, command));
    }

    /** The program's base name: {@code bash}, {@code python3}; "" when env names none. */
    public String interpreter() {
        return command.isEmpty() ? "" : PathNames.fileName(command.get(0));
    }

    /** The arguments the interpreter gets before the script: {@code [-eu]}, {@code [-e]}. */
    public List<String> interpreterArguments() {
        return command.isEmpty() ? List.of() : command.subList(1, command.size());
    }

    /** Whether a POSIX-style shell (sh, bash, dash, ash, ksh, mksh, zsh) runs the script. */
    public boolean isShell() {
        return POSIX_SHELLS.contains(interpreter());
    }

    /** The command env runs from its one argument: split after -S, else that argument's first word. */
    private static List<String> throughEnv(String argument) {
        String split = null;
        if (argument.startsWith("--split-string=")) {
            split = argument.substring("--split-string=".length());
        } else if (argument.startsWith("-S")) {
            split = argument.substring(2);
        } else if (argument.startsWith("--split-string ")) {
            split = argument.substring("--split-string ".length());
        }
        List<String> words = split != null ? ShellWords.split(split.strip()) : ShellWords.split(argument);
        List<String> command = new ArrayList<>();
        boolean program = false;
        for (String word : words) {
            if (!program && (word.startsWith("-") || word.indexOf('=') > 0)) {
                continue; // env's own options and NAME=value settings
            }
            program = true;
            command.add(word);
            if (split == null) {
                break; // without -S, Linux hands env the rest of the line as one name
            }
        }
        return command;
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
