package dev.drydock.core.kubernetes;

import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.CommandNode.SimpleCommand;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP request an exec probe makes to the container's own server: {@code wget -qO- localhost:9898/healthz},
 * {@code curl -f http://localhost:8080/ready}, {@code podcli check http localhost:9898/healthz}, directly or as the
 * script of {@code sh -c}. Only an address on the container itself (localhost, 127.0.0.1, [::1], 0.0.0.0) counts.
 *
 * @param path the path requested ({@code /} when the address has none), without its query
 * @param port the port of the address, or null when it names none (80)
 */
public record ExecHttpCheck(String path, String port) {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "/bin/sh", "/bin/bash", "/bin/ash");
    private static final Pattern ADDRESS = Pattern.compile(
            "^(?:https?://)?(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\])(?::([0-9]{1,5}))?(/[^?#\\s]*)?(?:[?#].*)?$");

    /** The request the command makes, when it is one HTTP client call of the container's own address. */
    public static Optional<ExecHttpCheck> of(List<String> command) {
        List<String> words = words(command);
        int client = clientAt(words);
        if (client < 0) {
            return Optional.empty();
        }
        ExecHttpCheck found = null;
        for (int i = client; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("&&") || word.equals("||") || word.equals(";") || word.equals("|")) {
                break;
            }
            Matcher m = ADDRESS.matcher(word);
            if (m.matches()) {
                if (found != null) {
                    return Optional.empty(); // two addresses: which one decides is not plain
                }
                found = new ExecHttpCheck(m.group(2) == null ? "/" : m.group(2), m.group(1));
            }
        }
        return Optional.ofNullable(found);
    }

    /** The index of the first argument of the HTTP client the words call, or -1 when they call none. */
    private static int clientAt(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String program = words.get(i).substring(words.get(i).lastIndexOf('/') + 1);
            if (program.equals("curl") || program.equals("wget")) {
                return i + 1;
            }
            if (program.equals("podcli") && i + 2 < words.size() && words.get(i + 1).equals("check")
                    && words.get(i + 2).equals("http")) {
                return i + 3;
            }
        }
        return -1;
    }

    /**
     * The command's words, or those of the one command of the script a shell runs with -c that calls an HTTP client
     * ({@code test -f /tmp/ready && curl -f localhost:8080/health}); none when the script is not a list of simple
     * commands or calls a client twice.
     */
    private static List<String> words(List<String> command) {
        if (command.size() < 3 || !SHELLS.contains(command.get(0)) || !command.get(1).equals("-c")) {
            return command;
        }
        ShellScript script = ShellScript.parse(command.get(2));
        if (script.hasProblems()) {
            return List.of();
        }
        List<String> found = List.of();
        for (AndOrList item : script.body().items()) {
            for (Pipeline pipeline : item.pipelines()) {
                for (CommandNode node : pipeline.commands()) {
                    if (!(node instanceof SimpleCommand simple)) {
                        return List.of();
                    }
                    List<String> words = simple.words().stream().map(Word::value).toList();
                    if (clientAt(words) >= 0) {
                        if (!found.isEmpty()) {
                            return List.of();
                        }
                        found = words;
                    }
                }
            }
        }
        return found;
    }
}
