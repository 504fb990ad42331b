package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.ShellWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compose command or entrypoint that runs a shell script ({@code sh -c "..."}) as the file writes it, before
 * Compose replaced its {@code ${VAR}} expressions: advice that rewrites the script keeps them.
 *
 * @param argv the command's words as written
 * @param script the script word as written
 */
record ComposeCommandText(List<String> argv, String script) {

    /** The written form of {@code command}, whose word {@code script} (after interpolation) is the shell script. */
    static Optional<ComposeCommandText> of(Service.Command command, String script) {
        if (command == null) {
            return Optional.empty();
        }
        List<String> interpolated = command.argv();
        List<String> written = written(command);
        int at = interpolated.indexOf(script);
        if (at < 0 || written.size() != interpolated.size() || written.equals(interpolated)) {
            return Optional.empty();
        }
        return Optional.of(new ComposeCommandText(written, written.get(at)));
    }

    /**
     * The written script's words when the script (after interpolation, {@code interpolated}) is one plain command:
     * Compose interpolates an exec-form command too, so its {@code ${VAR}} stay as they are; empty where the
     * script needs the shell ({@code $$} in the file is the shell's variable).
     */
    List<String> literalWords(String interpolated) {
        if (script.contains("$$") || StopSignalFixes.literalCommand(interpolated).isEmpty()) {
            return List.of();
        }
        try {
            ShellWords.Result words = ShellWords.split(script);
            return words.stoppedAt() < 0 ? words.words() : List.of();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private static List<String> written(Service.Command command) {
        if (command.node() instanceof ScalarNode whole) {
            try {
                return ShellWords.split(whole.raw()).words();
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        List<String> out = new ArrayList<>();
        for (Located<String> word : command.words()) {
            out.add(word.node() instanceof ScalarNode s ? s.raw() : word.value());
        }
        return out;
    }
}
