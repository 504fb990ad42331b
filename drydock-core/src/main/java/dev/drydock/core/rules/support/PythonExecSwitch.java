package dev.drydock.core.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python launcher that replaces itself with a privilege-dropping program: {@code os.execv}, {@code os.execve},
 * {@code os.execvp} or {@code os.execvpe} whose argv is a list literal starting with gosu, su-exec, s6-setuidgid or
 * setuidgid and the user ({@code os.execvp("gosu", ["gosu", "app", "python", "-m", "app"])}), or a variable last
 * assigned such a list ({@code args = ["gosu", owner] + args} then {@code os.execve(args[0], args, env)}, Synapse's
 * start.py).
 *
 * @param tool the program that switches users
 * @param user the user as written: the string, or the expression that gives it
 * @param literal whether the user is a string literal
 * @param line the line of the exec call
 */
public record PythonExecSwitch(String tool, String user, boolean literal, int line) {

    private static final Set<String> TOOLS = Set.of("gosu", "su-exec", "s6-setuidgid", "setuidgid");
    private static final Pattern EXEC = Pattern.compile("\\bos\\.exec(?:v|ve|vp|vpe)\\s*\\(");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STRING = Pattern.compile("[rbuRBU]?(['\"])(.*)\\1");

    /** The first exec call of the code whose argv starts with a user switch, if any. */
    public static Optional<PythonExecSwitch> in(String code) {
        String text = withoutComments(code);
        Matcher m = EXEC.matcher(text);
        while (m.find()) {
            List<String> args = arguments(text, m.end() - 1);
            if (args.size() < 2) {
                continue;
            }
            String argv = args.get(1).strip();
            String list = argv.startsWith("[") ? argv
                    : NAME.matcher(argv).matches() ? assignedList(text.substring(0, m.start()), argv) : null;
            if (list == null) {
                continue;
            }
            List<String> items = arguments(list, 0);
            if (items.size() < 2) {
                continue;
            }
            String tool = string(items.get(0));
            if (tool == null || !TOOLS.contains(tool.substring(tool.lastIndexOf('/') + 1))) {
                continue;
            }
            String user = string(items.get(1));
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            return Optional.of(new PythonExecSwitch(tool.substring(tool.lastIndexOf('/') + 1),
                    user != null ? user : items.get(1).strip(), user != null, line));
        }
        return Optional.empty();
    }

    /** The list literal last assigned to a name ({@code name = [...]}, also {@code name = [...] + rest}), or null. */
    private static String assignedList(String before, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=\\s*\\[").matcher(before);
        int at = -1;
        while (m.find()) {
            at = m.end() - 1;
        }
        if (at < 0) {
            return null;
        }
        int end = closing(before, at);
        return end < 0 ? null : before.substring(at, end + 1);
    }

    /** The comma-separated items inside the bracket at {@code open}, at its own depth. */
    private static List<String> arguments(String text, int open) {
        List<String> out = new ArrayList<>();
        Bracket bracket = Bracket.at(text, open);
        if (bracket.end() < 0) {
            return out;
        }
        int start = open + 1;
        for (int comma : bracket.commas()) {
            out.add(text.substring(start, comma));
            start = comma + 1;
        }
        if (!text.substring(start, bracket.end()).isBlank()) {
            out.add(text.substring(start, bracket.end()));
        }
        return out;
    }

    /** The index of the bracket that closes the one at {@code open}, or -1. */
    private static int closing(String text, int open) {
        return Bracket.at(text, open).end();
    }

    /**
     * A bracketed expression read past quoted strings: the index of its closing bracket (-1 when it has none) and
     * of the commas at its own depth.
     */
    private record Bracket(int end, List<Integer> commas) {

        static Bracket at(String text, int open) {
            List<Integer> commas = new ArrayList<>();
            int depth = 0;
            char quote = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if ("([{".indexOf(c) >= 0) {
                    depth++;
                } else if (")]}".indexOf(c) >= 0 && --depth == 0) {
                    return new Bracket(i, commas);
                } else if (c == ',' && depth == 1) {
                    commas.add(i);
                }
            }
            return new Bracket(-1, commas);
        }
    }

    private static String string(String item) {
        Matcher m = STRING.matcher(item.strip());
        return m.matches() && !m.group(2).contains(m.group(1)) ? m.group(2) : null;
    }

    /** The code with whole-line comments blanked (line numbers kept). */
    private static String withoutComments(String code) {
        return code.replaceAll("(?m)^\\s*#.*$", "");
    }
}
