package dev.drydock.core.rules.support;

import java.util.List;

/** Values of options in a command's words: {@code -t 30}, {@code --timeout 30} or {@code --timeout=30}. */
public final class CommandLineOptions {

    private CommandLineOptions() {}

    /** The value of the first of the option's names written after the program (word 0); null when absent. */
    public static String first(List<String> args, String... names) {
        for (int i = 1; i < args.size(); i++) {
            String value = valueAt(args, i, names);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The value of the last occurrence, for programs where a repeated option's last value wins; null when absent. */
    public static String last(List<String> args, String... names) {
        String found = null;
        for (int i = 1; i < args.size(); i++) {
            String value = valueAt(args, i, names);
            if (value != null) {
                found = value;
            }
        }
        return found;
    }

    private static String valueAt(List<String> args, int i, String... names) {
        String arg = args.get(i);
        for (String name : names) {
            if (arg.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (name.startsWith("--") && arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return null;
    }
}
