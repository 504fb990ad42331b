package dev.drydock.core.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string {@code command} / {@code entrypoint} into words the way Compose does
 * (mattn/go-shellwords without environment or backtick expansion): blanks separate words; single quotes
 * keep everything literally; double quotes keep blanks; a backslash outside single quotes takes the next
 * character literally ({@code \t} and {@code \n} become a tab and a newline); {@code ""} is an empty word.
 * An unquoted {@code ; & | < >} ends the command: the rest of the string is ignored (with
 * {@code 2>}, the digits before it are dropped too), which {@link Result#stoppedAt()} reports. An
 * unquoted {@code (} not preceded by {@code $}, an unmatched {@code )}, or an unterminated quote or
 * escape make the string invalid.
 */
public final class ShellWords {

    private ShellWords() {}

    /**
     * The words; {@code stoppedAt} is the index of the shell operator that ended parsing, or -1.
     */
    public record Result(List<String> words, int stoppedAt) {}

    /** @throws IllegalArgumentException "invalid command line string" */
    public static Result split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        boolean escaped = false;
        boolean doubleQuoted = false;
        boolean singleQuoted = false;
        boolean backQuote = false;
        boolean dollarQuote = false;
        boolean got = false;
        int stop = -1;
        int i = 0;
        loop:
        for (; i < line.length(); i++) {
            char r = line.charAt(i);
            if (escaped) {
                escaped = false;
                if (backQuote || dollarQuote) {
                    buf.append('\\').append(r);
                    got = true;
                    continue;
                }
                buf.append(r == 't' ? '\t' : r == 'n' ? '\n' : r);
                got = true;
                continue;
            }
            if (r == '\\') {
                if (singleQuoted) {
                    buf.append(r);
                } else {
                    escaped = true;
                }
                continue;
            }
            if (r == ' ' || r == '\t' || r == '\r' || r == '\n') {
                if (singleQuoted || doubleQuoted || backQuote || dollarQuote) {
                    buf.append(r);
                } else if (got) {
                    args.add(buf.toString());
                    buf.setLength(0);
                    got = false;
                }
                continue;
            }
            switch (r) {
                case '`' -> {
                    if (!singleQuoted && !doubleQuoted && !dollarQuote) {
                        backQuote = !backQuote;
                    }
                }
                case ')' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuote) {
                        if (!dollarQuote) {
                            throw new IllegalArgumentException("invalid command line string");
                        }
                        buf.append(r);
                        dollarQuote = false;
                        got = true;
                        continue;
                    }
                }
                case '(' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuote) {
                        int n = buf.length();
                        if (!dollarQuote && n > 0 && buf.charAt(n - 1) == '$' && !(n > 1 && buf.charAt(n - 2) == '\\')) {
                            dollarQuote = true;
                            buf.append('(');
                            continue;
                        }
                        throw new IllegalArgumentException("invalid command line string");
                    }
                }
                case '"' -> {
                    if (!singleQuoted && !dollarQuote && !backQuote) {
                        if (doubleQuoted) {
                            got = true;
                        }
                        doubleQuoted = !doubleQuoted;
                        continue;
                    }
                }
                case '\'' -> {
                    if (!doubleQuoted && !dollarQuote && !backQuote) {
                        if (singleQuoted) {
                            got = true;
                        }
                        singleQuoted = !singleQuoted;
                        continue;
                    }
                }
                case ';', '&', '|', '<', '>' -> {
                    if (!(singleQuoted || doubleQuoted || backQuote || dollarQuote)) {
                        if (r == '>' && !buf.isEmpty() && buf.chars().allMatch(c -> c >= '0' && c <= '9')) {
                            got = false;
                        }
                        stop = i;
                        break loop;
                    }
                }
                default -> { }
            }
            got = true;
            buf.append(r);
        }
        if (got) {
            args.add(buf.toString());
        }
        if (escaped || singleQuoted || doubleQuoted || backQuote || dollarQuote) {
            throw new IllegalArgumentException("invalid command line string");
        }
        return new Result(List.copyOf(args), stop);
    }
}
