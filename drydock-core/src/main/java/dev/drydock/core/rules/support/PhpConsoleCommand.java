package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import java.util.List;
import java.util.Optional;

/**
 * A console command of a PHP framework that a container runs: Laravel's {@code php artisan NAME} or Symfony's
 * {@code bin/console NAME} (run by php or as a program of its own).
 *
 * @param console the console script as the command writes it ({@code artisan}, {@code /app/bin/console})
 * @param name the command's name ({@code queue:work}, {@code messenger:consume})
 * @param options the words after the name
 */
record PhpConsoleCommand(String console, String name, List<String> options) {

    /** The console command the entry point runs, or empty when it runs something else. */
    static Optional<PhpConsoleCommand> of(EntryPoint ep) {
        if (ep == null || !ep.otherCommands().isEmpty()
                || !java.util.Set.of(Runtime.ARTISAN_COMMAND, Runtime.PHP, Runtime.BINARY).contains(ep.runtime())) {
            return Optional.empty();
        }
        List<String> args = ep.args();
        for (int i = 0; i + 1 < args.size(); i++) {
            String file = PathNames.fileName(args.get(i));
            if (file.equals("artisan") || file.equals("console") && args.get(i).contains("bin/")) {
                return Optional.of(new PhpConsoleCommand(args.get(i), args.get(i + 1), args.subList(i + 2, args.size())));
            }
        }
        return Optional.empty();
    }

    boolean laravel() {
        return PathNames.fileName(console).equals("artisan");
    }

    /** The value of {@code --NAME=V} or {@code --NAME V}, or null. */
    String value(String option) {
        for (int i = 0; i < options.size(); i++) {
            String word = options.get(i);
            if (word.startsWith("--" + option + "=")) {
                return word.substring(option.length() + 3);
            }
            if (word.equals("--" + option) && i + 1 < options.size()) {
                return options.get(i + 1);
            }
        }
        return null;
    }
}
