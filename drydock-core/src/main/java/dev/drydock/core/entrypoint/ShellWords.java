package dev.drydock.core.entrypoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small POSIX-ish reader for the scripts containers run with {@code sh -c}: enough to find the
 * commands of a simple list ({@code cd /app && python manage.py migrate && exec gunicorn ...}).
 *
 * <p>It understands words with single and double quotes and backslashes, comments, line
 * continuations, the list operators {@code && || ; & |} and newlines, redirections (dropped),
 * assignments before a command, {@code export}/{@code unset}, and parameter expansion
 * ({@code $X}, {@code ${X}}, {@code ${X:-default}}, {@code ${X-d}}, {@code ${X:=d}},
 * {@code ${X:+alt}}, {@code ${X:?msg}}, {@code $1}, {@code $@}, {@code "$@"}, {@code $*},
 * {@code $#}) with field splitting of unquoted results. A variable that is not set is not
 * guessed: inside a word or quotes its text stays as written; a whole unquoted word made of it
 * (say {@code java $JAVA_OPTS -jar app.jar}) is left out, and either way it is listed in
 * {@link Script#unresolved()}.
 *
 * <p>Anything beyond that (command substitution, subshells and groups, {@code if}/{@code for}/
 * {@code while}/{@code case}, functions, here-documents, arithmetic) makes the whole script
 * {@link Script#unsupported() unsupported}: callers then keep the raw text. The project's full
 * shell parser is the place for those.
 */
public final class ShellWords {

    /**
     * One simple command: its words after expansion, the assignments written before it, the
     * variables in effect when it runs (after earlier {@code export}s), and the operator that
     * follows it ("&&", "||", ";", "&", "|", or "" for the last).
     */
    public record Command(List<String> words, Map<String, String> assignments, Map<String, String> environment, String separator) {}

    /**
     * The commands of a script in order, or {@code unsupported} (why, e.g. "command substitution")
     * with no commands; {@code unresolved} lists variable references that had no value.
     */
    public record Script(List<Command> commands, String unsupported, List<String> unresolved) {
        public boolean supported() {
            return unsupported == null;
        }
    }

    private static final Set<String> KEYWORDS = Set.of(
            "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
            "function", "select", "{", "}", "[[", "]]", "!", "time", "coproc");

    private final String text;
    private final List<String> positional;
    private final boolean expand;
    private Map<String, String> env;
    private int pos;
    private final List<String> unresolved = new ArrayList<>();

    // the word being read
    private StringBuilder current;
    private boolean started;
    private boolean onlyUnknown;
    private List<String> fields;

    private ShellWords(String text, Map<String, String> env, List<String> positional, boolean expand) {
        this.text = text;
        this.expand = expand;
        this.env = env;
        this.positional = positional;
    }

    /**
     * Reads a script. {@code env} is the environment it starts with; {@code positional} holds
     * {@code $0}, {@code $1}, ... (the words after the script in {@code sh -c script $0 $1 ...}).
     */
    public static Script parse(String script, Map<String, String> env, List<String> positional) {
        ShellWords reader = new ShellWords(script, Collections.unmodifiableMap(new LinkedHashMap<>(env)), positional, true);
        try {
            return new Script(reader.commands(), null, List.copyOf(reader.unresolved));
        } catch (Unsupported e) {
            return new Script(List.of(), e.getMessage(), List.copyOf(reader.unresolved));
        }
    }

    /** Splits a string into words with quotes and backslashes, no expansion (for {@code GUNICORN_CMD_ARGS}, {@code JAVA_TOOL_OPTIONS}). */
    public static List<String> split(String text) {
        ShellWords reader = new ShellWords(text, Map.of(), List.of(), false);
        List<String> words = new ArrayList<>();
        try {
            for (Command command : reader.commands()) {
                words.addAll(command.assignments().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                words.addAll(command.words());
            }
        } catch (Unsupported e) {
            return List.of(text.trim().split("\\s+"));
        }
        return words;
    }

    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Map<String, String> assignments = new LinkedHashMap<>();
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                finish(commands, words, assignments, "");
                return commands;
            }
            char c = text.charAt(pos);
            String separator = null;
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            } else if (c == '\n' || c == ';') {
                if (text.startsWith(";;", pos)) {
                    throw new Unsupported("case");
                }
                separator = ";";
                pos++;
            } else if (c == '&') {
                if (text.startsWith("&&", pos)) {
                    separator = "&&";
                    pos += 2;
                } else if (text.startsWith("&>", pos)) {
                    redirection();
                    continue;
                } else {
                    separator = "&";
                    pos++;
                }
            } else if (c == '|') {
                if (text.startsWith("||", pos)) {
                    separator = "||";
                    pos += 2;
                } else {
                    separator = "|";
                    pos += text.startsWith("|&", pos) ? 2 : 1;
                }
            } else if (c == '(' || c == ')') {
                throw new Unsupported("subshell");
            } else if (c == '<' || c == '>') {
                redirection();
                continue;
            }
            if (separator != null) {
                if (separator.equals(";") && words.isEmpty() && assignments.isEmpty()) {
                    continue; // blank line or stray ';'
                }
                finish(commands, words, assignments, separator);
                words = new ArrayList<>();
                assignments = new LinkedHashMap<>();
                continue;
            }
            if (words.isEmpty()) {
                String name = assignmentName();
                if (name != null) {
                    pos += name.length() + 1;
                    List<String> value = word(false);
                    assignments.put(name, value.isEmpty() ? "" : String.join(" ", value));
                    continue;
                }
            }
            if (redirectionAfterDigits()) {
                redirection();
                continue;
            }
            List<String> read = word(true);
            if (words.isEmpty() && !read.isEmpty() && KEYWORDS.contains(read.get(0))) {
                throw new Unsupported("'" + read.get(0) + "'");
            }
            words.addAll(read);
        }
    }

    /** Ends a command: applies export/unset and plain assignments to the environment that follows. */
    private void finish(List<Command> commands, List<String> words, Map<String, String> assignments, String separator) {
        if (words.isEmpty() && assignments.isEmpty()) {
            if (!separator.isEmpty() && !commands.isEmpty()) {
                throw new Unsupported("empty command before '" + separator + "'");
            }
            return;
        }
        Map<String, String> runEnv = env;
        if (!assignments.isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(env);
            merged.putAll(assignments);
            runEnv = Collections.unmodifiableMap(merged);
        }
        commands.add(new Command(List.copyOf(words), Collections.unmodifiableMap(new LinkedHashMap<>(assignments)), runEnv, separator));
        if (words.isEmpty()) {
            env = runEnv; // "A=1" alone sets a shell variable for what follows
        } else if (words.get(0).equals("export") || words.get(0).equals("unset")) {
            Map<String, String> changed = new LinkedHashMap<>(env);
            for (String word : words.subList(1, words.size())) {
                int eq = word.indexOf('=');
                if (words.get(0).equals("unset")) {
                    changed.remove(word);
                } else if (eq > 0) {
                    changed.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            env = Collections.unmodifiableMap(changed);
        }
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                break;
            }
        }
    }

    /** The name of an assignment word starting here (NAME=...), or null. */
    private String assignmentName() {
        int i = pos;
        if (i >= text.length() || !(Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            return null;
        }
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '=' ? text.substring(pos, i) : null;
    }

    private boolean redirectionAfterDigits() {
        int i = pos;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i > pos && i < text.length() && (text.charAt(i) == '<' || text.charAt(i) == '>');
    }

    /** Skips a redirection operator and its target word. */
    private void redirection() {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (text.startsWith("<<", pos)) {
            throw new Unsupported("here-document");
        }
        if (text.startsWith("&>", pos)) {
            pos += 2;
        } else {
            pos++; // '<' or '>'
        }
        if (pos < text.length() && (text.charAt(pos) == '>' || text.charAt(pos) == '|' || text.charAt(pos) == '&')) {
            boolean duplicate = text.charAt(pos) == '&';
            pos++;
            if (duplicate) {
                int start = pos;
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos > start) {
                    return; // 2>&1, >&-
                }
            }
        }
        skipBlanks();
        word(false);
    }

    /**
     * Reads one word at {@code pos} and returns the fields it expands to (none, one, or several
     * when an unquoted expansion splits).
     */
    private List<String> word(boolean split) {
        current = new StringBuilder();
        started = false;
        onlyUnknown = false;
        fields = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '&' || c == '|'
                    || c == '<' || c == '>' || c == '(' || c == ')') {
                if (c == '(' && started) {
                    throw new Unsupported("function definition or array");
                }
                break;
            }
            if (c == '\\') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                    pos += 2;
                    continue;
                }
                if (pos + 1 < text.length()) {
                    literal(text.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '\'') {
                int end = text.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw new Unsupported("unterminated quote");
                }
                literal(text.substring(pos + 1, end));
                started = true;
                pos = end + 1;
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '`') {
                throw new Unsupported("command substitution");
            } else if (c == '$' && expand) {
                dollar(false, split);
            } else {
                literal(c);
                pos++;
            }
        }
        if (started && !onlyUnknown) {
            fields.add(current.toString());
        }
        return fields;
    }

    private void doubleQuoted() {
        pos++; // opening quote
        started = true;
        onlyUnknown = false;
        while (true) {
            if (pos >= text.length()) {
                throw new Unsupported("unterminated quote");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\' && pos + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(pos + 1)) >= 0) {
                if (text.charAt(pos + 1) != '\n') {
                    current.append(text.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '`') {
                throw new Unsupported("command substitution");
            } else if (c == '$' && expand) {
                dollar(true, false);
            } else {
                current.append(c);
                pos++;
            }
        }
    }

    private void literal(char c) {
        current.append(c);
        started = true;
        onlyUnknown = false;
    }

    private void literal(String s) {
        current.append(s);
        started = true;
        onlyUnknown = false;
    }

    /** An expansion at {@code pos} ('$'). */
    private void dollar(boolean quoted, boolean split) {
        int start = pos;
        pos++;
        if (pos >= text.length()) {
            literal('$');
            return;
        }
        char c = text.charAt(pos);
        if (c == '(') {
            throw new Unsupported(text.startsWith("((", pos) ? "arithmetic expansion" : "command substitution");
        }
        if (c == '@' || c == '*') {
            pos++;
            List<String> params = positional.size() > 1 ? positional.subList(1, positional.size()) : List.of();
            if (quoted && c == '@') {
                for (int i = 0; i < params.size(); i++) {
                    if (i > 0) {
                        fields.add(current.toString());
                        current = new StringBuilder();
                    }
                    current.append(params.get(i));
                }
                started = started || !params.isEmpty();
                if (params.isEmpty() && current.isEmpty()) {
                    started = false; // "$@" with no parameters is no word at all
                }
            } else {
                value(String.join(" ", params), quoted, split);
            }
            return;
        }
        if (Character.isDigit(c)) {
            pos++;
            int index = c - '0';
            value(index < positional.size() ? positional.get(index) : "", quoted, split);
            return;
        }
        if (c == '#') {
            pos++;
            value(String.valueOf(Math.max(0, positional.size() - 1)), quoted, split);
            return;
        }
        if (c == '{') {
            int end = text.indexOf('}', pos);
            if (end < 0) {
                throw new Unsupported("unterminated ${");
            }
            String inner = text.substring(pos + 1, end);
            pos = end + 1;
            braced(inner, text.substring(start, pos), quoted, split);
            return;
        }
        if (Character.isLetter(c) || c == '_') {
            int end = pos;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            String name = text.substring(pos, end);
            pos = end;
            variable(name, text.substring(start, end), quoted, split);
            return;
        }
        if (c == '?' || c == '$' || c == '!' || c == '-') {
            pos++;
            unknown(text.substring(start, pos), quoted);
            return;
        }
        literal('$');
    }

    private void braced(String inner, String written, boolean quoted, boolean split) {
        if (inner.startsWith("#") || inner.contains("${") || inner.contains("$(")) {
            unknown(written, quoted);
            return;
        }
        int i = 0;
        while (i < inner.length() && (Character.isLetterOrDigit(inner.charAt(i)) || inner.charAt(i) == '_')) {
            i++;
        }
        String name = inner.substring(0, i);
        String rest = inner.substring(i);
        if (name.isEmpty()) {
            unknown(written, quoted);
            return;
        }
        String value = name.chars().allMatch(Character::isDigit) ? positional(name) : env.get(name);
        if (rest.isEmpty()) {
            if (value == null) {
                unknown(written, quoted);
            } else {
                value(value, quoted, split);
            }
            return;
        }
        boolean colon = rest.startsWith(":");
        String op = rest.substring(colon ? 1 : 0);
        if (op.isEmpty()) {
            unknown(written, quoted);
            return;
        }
        char kind = op.charAt(0);
        String word = expandPlain(op.substring(1));
        boolean unset = value == null || colon && value.isEmpty();
        switch (kind) {
            case '-', '=' -> value(unset ? word : value, quoted, split);
            case '+' -> value(unset ? "" : word, quoted, split);
            case '?' -> {
                if (unset) {
                    unknown(written, quoted);
                } else {
                    value(value, quoted, split);
                }
            }
            default -> unknown(written, quoted); // ${X%pattern} and friends
        }
    }

    /** Expands $NAME and ${NAME} in a default value; anything unknown stays as written. */
    private String expandPlain(String word) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '$' && i + 1 < word.length()) {
                int j = i + 1;
                boolean brace = word.charAt(j) == '{';
                if (brace) {
                    j++;
                }
                int nameStart = j;
                while (j < word.length() && (Character.isLetterOrDigit(word.charAt(j)) || word.charAt(j) == '_')) {
                    j++;
                }
                String name = word.substring(nameStart, j);
                if (!name.isEmpty() && (!brace || j < word.length() && word.charAt(j) == '}')) {
                    int end = brace ? j + 1 : j;
                    String value = env.get(name);
                    out.append(value != null ? value : word.substring(i, end));
                    if (value == null) {
                        unresolved.add(word.substring(i, end));
                    }
                    i = end;
                    continue;
                }
            }
            if (c == '"' || c == '\'') {
                i++; // quotes inside ${X:-"a b"}: keep their content
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** ${N}: the N-th positional parameter, or null when there is none. */
    private String positional(String digits) {
        int index = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        return index < positional.size() ? positional.get(index) : null;
    }

    private void variable(String name, String written, boolean quoted, boolean split) {
        String value = env.get(name);
        if (value == null) {
            unknown(written, quoted);
        } else {
            value(value, quoted, split);
        }
    }

    /** An unset variable: kept as written, or (a whole unquoted word) left out. */
    private void unknown(String written, boolean quoted) {
        unresolved.add(written);
        if (!quoted && !started) {
            onlyUnknown = true;
            started = true;
            current.append(written);
            return;
        }
        current.append(written);
        started = true;
        if (quoted) {
            onlyUnknown = false;
        }
    }

    /** A known value: unquoted ones are split into fields on blanks. */
    private void value(String value, boolean quoted, boolean split) {
        if (quoted || !split) {
            current.append(value);
            started = true;
            onlyUnknown = false;
            return;
        }
        if (onlyUnknown) {
            // "$UNKNOWN$KNOWN": keep the whole text, it is not one unknown word any more
            onlyUnknown = false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (started) {
                    fields.add(current.toString());
                    current = new StringBuilder();
                    started = false;
                }
            } else {
                current.append(c);
                started = true;
            }
        }
    }
}
