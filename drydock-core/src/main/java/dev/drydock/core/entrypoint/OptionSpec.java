package dev.drydock.core.entrypoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options one program accepts, enough to tell option values from positional arguments and to
 * name each option canonically (its long name without dashes). Declared as strings:
 * {@code "-w|--workers="} takes a value, {@code "--reload"} is a flag.
 */
final class OptionSpec {

    record Option(String canonical, boolean takesValue, boolean optionalValue) {}

    /** Options by canonical name; positional arguments in order; whatever followed "--". */
    record Parsed(Map<String, String> options, List<String> positionals, List<String> afterDashes, boolean sawDashes) {}

    /** No known options: every "--key=value" is kept as it is. */
    static final OptionSpec NONE = of();

    private final Map<String, Option> byToken = new HashMap<>();

    private OptionSpec() {}

    static OptionSpec of(String... definitions) {
        OptionSpec spec = new OptionSpec();
        for (String definition : definitions) {
            boolean optional = definition.endsWith("=?");
            boolean value = optional || definition.endsWith("=");
            String names = optional ? definition.substring(0, definition.length() - 2)
                    : value ? definition.substring(0, definition.length() - 1) : definition;
            String[] tokens = names.split("\\|");
            String canonical = null;
            for (String token : tokens) {
                if (token.startsWith("--")) {
                    canonical = token.substring(2);
                    break;
                }
            }
            if (canonical == null) {
                canonical = tokens[tokens.length - 1].replaceFirst("^-+", "");
            }
            for (String token : tokens) {
                spec.byToken.put(token, new Option(canonical, value, optional));
            }
        }
        return spec;
    }

    Option lookup(String token) {
        return byToken.get(token);
    }

    /**
     * Parses arguments. With {@code stopAtPositional}, the first positional argument ends option
     * parsing (as for interpreters and wrappers); otherwise options may follow positionals.
     */
    Parsed parse(List<String> args, boolean stopAtPositional) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        List<String> afterDashes = new ArrayList<>();
        boolean dashes = false;
        boolean stopped = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (dashes) {
                afterDashes.add(arg);
                continue;
            }
            if (stopped) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                dashes = true;
                continue;
            }
            if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String value = eq < 0 ? null : arg.substring(eq + 1);
                Option option = byToken.get(name);
                if (option == null && name.startsWith("--no-")) {
                    Option positive = byToken.get("--" + name.substring(5));
                    put(options, positive != null ? positive.canonical() : name.substring(5), "false");
                } else if (option == null) {
                    put(options, name.substring(2), value != null ? value : "true");
                } else if (option.takesValue()) {
                    if (value == null) {
                        value = next(args, i, option);
                        if (value == null) {
                            value = "true";
                        } else {
                            i++;
                        }
                    }
                    put(options, option.canonical(), value);
                } else {
                    put(options, option.canonical(), value != null ? value : "true");
                }
            } else if (arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                i = shortOption(args, i, options);
            } else {
                positionals.add(arg);
                stopped = stopAtPositional;
            }
        }
        return new Parsed(options, positionals, afterDashes, dashes);
    }

    /** A short option, a cluster of flags, or a whole single-dash word ({@code -wait}); returns the last index used. */
    private int shortOption(List<String> args, int i, Map<String, String> options) {
        String arg = args.get(i);
        int eq = arg.indexOf('=');
        Option whole = byToken.get(eq < 0 ? arg : arg.substring(0, eq));
        if (whole != null && arg.length() > 2) {
            if (whole.takesValue()) {
                String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : "";
                put(options, whole.canonical(), value);
            } else {
                put(options, whole.canonical(), "true");
            }
            return i;
        }
        for (int c = 1; c < arg.length(); c++) {
            Option option = byToken.get("-" + arg.charAt(c));
            if (option == null) {
                put(options, arg.substring(c), "true"); // unknown: keep the rest as one flag
                return i;
            }
            if (option.takesValue()) {
                String rest = arg.substring(c + 1);
                if (rest.startsWith("=")) {
                    rest = rest.substring(1);
                }
                String value = !rest.isEmpty() ? rest : i + 1 < args.size() ? args.get(++i) : "";
                put(options, option.canonical(), value);
                return i;
            }
            put(options, option.canonical(), "true");
        }
        return i;
    }

    /** The value after index {@code i}, or null when there is none or an optional value is absent. */
    private static String next(List<String> args, int i, Option option) {
        if (i + 1 >= args.size()) {
            return option.optionalValue() ? null : "";
        }
        String candidate = args.get(i + 1);
        if (option.optionalValue() && candidate.startsWith("-")) {
            return null;
        }
        return candidate;
    }

    static void put(Map<String, String> options, String name, String value) {
        options.merge(name, value, (old, added) -> old.equals("true") || old.equals("false") ? added : old + "," + added);
    }

    private static boolean isNumber(String arg) {
        for (int i = 1; i < arg.length(); i++) {
            if (!Character.isDigit(arg.charAt(i)) && arg.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }
}
