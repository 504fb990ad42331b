package dev.drydock.core.kubernetes;

import java.util.ArrayList;
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
        int client = -1;
        for (int i = 0; i < words.size() && client < 0; i++) {
            String program = words.get(i).substring(words.get(i).lastIndexOf('/') + 1);
            if (program.equals("curl") || program.equals("wget")) {
                client = i + 1;
            } else if (program.equals("podcli") && i + 2 < words.size() && words.get(i + 1).equals("check")
                    && words.get(i + 2).equals("http")) {
                client = i + 3;
            }
        }
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

    /** The command's words, or those of the script a shell runs with -c (split at blanks, quotes removed). */
    private static List<String> words(List<String> command) {
        if (command.size() >= 3 && SHELLS.contains(command.get(0)) && command.get(1).equals("-c")) {
            List<String> out = new ArrayList<>();
            for (String word : command.get(2).trim().split("\\s+")) {
                out.add(word.replaceAll("^['\"]|['\"]$", ""));
            }
            return out;
        }
        return command;
    }
}
