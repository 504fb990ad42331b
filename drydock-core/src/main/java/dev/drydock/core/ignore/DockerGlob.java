package dev.drydock.core.ignore;

import java.util.ArrayList;
import java.util.List;

/**
 * One cleaned {@code .dockerignore} pattern compiled the way moby's patternmatcher compiles it:
 * the pattern is first checked with Go's {@code filepath.Match} syntax, then read into one of four
 * kinds. A pattern without wildcards compares whole paths; one ending in {@code **} after plain
 * text compares a prefix; one starting with {@code **} and otherwise plain compares a suffix
 * (so {@code **.txt} matches {@code a/b.txt}); anything else is a regular expression where
 * {@code *} and {@code ?} stay within one path element, {@code **} (with the {@code /} after it)
 * is "any run ending in a slash, or nothing", a final {@code **} is "anything", {@code [...]} is a class and
 * {@code \} escapes the next character.
 */
final class DockerGlob {

    enum Type { EXACT, PREFIX, SUFFIX, REGEX }

    final String pattern;
    final Type type;
    /** The text compared for EXACT, PREFIX and SUFFIX. */
    final String text;
    final Glob glob;
    /** Why Docker refuses the pattern (its build fails), or null. */
    final String error;
    /** Things Docker reads surprisingly, worth telling the user. */
    final List<String> warnings;

    private DockerGlob(String pattern, Type type, String text, Glob glob, String error, List<String> warnings) {
        this.pattern = pattern;
        this.type = type;
        this.text = text;
        this.glob = glob;
        this.error = error;
        this.warnings = List.copyOf(warnings);
    }

    static DockerGlob compile(String pattern) {
        String syntax = checkGoMatchSyntax(pattern);
        List<String> warnings = new ArrayList<>();
        if (syntax != null) {
            return new DockerGlob(pattern, Type.EXACT, pattern, null, syntax, warnings);
        }
        int[] cp = Glob.codePoints(pattern);
        Glob.Builder b = new Glob.Builder();
        Type type = Type.EXACT;
        int pos = 0;
        String error = null;
        for (int iteration = 0; pos < cp.length; iteration++) {
            int ch = cp[pos++];
            if (ch == '*') {
                if (pos < cp.length && cp[pos] == '*') {
                    pos++;
                    if (pos < cp.length && cp[pos] == '/') {
                        pos++;
                    }
                    if (pos == cp.length) {
                        if (type == Type.EXACT) {
                            type = Type.PREFIX;
                        } else {
                            b.add(Glob.Step.of(Glob.Kind.ANYTHING));
                            type = Type.REGEX;
                        }
                    } else {
                        b.add(Glob.Step.of(Glob.Kind.DIRECTORIES));
                        type = Type.REGEX;
                    }
                    if (iteration == 0) {
                        type = Type.SUFFIX;
                    }
                } else {
                    b.add(Glob.Step.of(Glob.Kind.RUN_NOT_SLASH));
                    type = Type.REGEX;
                }
            } else if (ch == '?') {
                b.add(Glob.Step.of(Glob.Kind.ONE_NOT_SLASH));
                type = Type.REGEX;
            } else if (ch == '\\') {
                if (pos < cp.length) {
                    int escaped = cp[pos++];
                    b.add(escape(escaped, warnings, false));
                    type = Type.REGEX;
                } else {
                    b.literal('\\');
                }
            } else if (ch == '[') {
                ClassParse parsed = parseClass(cp, pos, warnings);
                if (parsed.error != null && error == null) {
                    error = parsed.error;
                }
                if (parsed.step != null) {
                    b.add(parsed.step);
                }
                pos = parsed.end;
                type = Type.REGEX;
            } else if (ch == ']') {
                b.literal(']');
                type = Type.REGEX;
            } else {
                b.literal(ch);
            }
        }
        String text = switch (type) {
            case EXACT -> pattern;
            case PREFIX -> pattern.substring(0, pattern.length() - 2);
            case SUFFIX -> pattern.substring(2);
            case REGEX -> null;
        };
        Glob glob = type == Type.REGEX && error == null ? new Glob(b.steps, true, false) : null;
        return new DockerGlob(pattern, type, text, glob, error, warnings);
    }

    /** Whether the pattern matches {@code path} itself (no parent directories considered). */
    boolean matches(String path) {
        if (error != null) {
            return false;
        }
        return switch (type) {
            case EXACT -> path.equals(text);
            case PREFIX -> path.startsWith(text);
            case SUFFIX -> path.endsWith(text) || (!text.isEmpty() && text.charAt(0) == '/' && path.equals(text.substring(1)));
            case REGEX -> glob.matches(Glob.codePoints(path));
        };
    }

    /** Whether the pattern matches some path strictly beneath directory {@code dir}. */
    boolean canMatchBeneath(String dir) {
        if (error != null) {
            return false;
        }
        String prefix = dir + "/";
        return switch (type) {
            case EXACT -> text.startsWith(prefix) && text.length() > prefix.length();
            case PREFIX -> prefix.startsWith(text) || text.startsWith(prefix);
            case SUFFIX -> true;
            case REGEX -> glob.canMatchAfter(Glob.codePoints(prefix));
        };
    }

    /**
     * A {@code \x} escape in Docker's regular expression: punctuation is itself; a few letters
     * are Go regexp classes or control characters; other letters and digits are read as
     * themselves with a warning (Go's regexp would treat them specially or reject them).
     */
    private static Glob.Step escape(int c, List<String> warnings, boolean inClass) {
        int[] perl = perlClass(c);
        if (perl != null) {
            return Glob.Step.cls(perl, Character.isUpperCase(c));
        }
        int control = control(c);
        if (control >= 0) {
            return Glob.Step.literal(control);
        }
        if (c < 128 && Character.isLetterOrDigit(c)) {
            warnings.add("\\" + Character.toString(c) + " has a special meaning in Docker's matcher; read here as a plain '"
                    + Character.toString(c) + "'");
        }
        return Glob.Step.literal(c);
    }

    private static int[] perlClass(int c) {
        return switch (c) {
            case 'd', 'D' -> new int[] {'0', '9'};
            case 's', 'S' -> new int[] {'\t', '\n', '\f', '\r', ' ', ' '};
            case 'w', 'W' -> new int[] {'0', '9', 'A', 'Z', 'a', 'z', '_', '_'};
            default -> null;
        };
    }

    private static int control(int c) {
        return switch (c) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> 0x0B;
            case 'a' -> 0x07;
            default -> -1;
        };
    }

    private record ClassParse(Glob.Step step, int end, String error) {}

    /** Reads a class starting just after '[' (syntax was already checked). */
    private static ClassParse parseClass(int[] cp, int pos, List<String> warnings) {
        boolean negated = false;
        if (pos < cp.length && cp[pos] == '^') {
            negated = true;
            pos++;
        }
        List<Integer> ranges = new ArrayList<>();
        boolean first = true;
        while (pos < cp.length && (first || cp[pos] != ']')) {
            first = false;
            int lo = cp[pos++];
            int[] loClass = null;
            if (lo == '\\' && pos < cp.length) {
                lo = cp[pos++];
                loClass = perlClass(lo);
                if (loClass != null && Character.isUpperCase(lo)) {
                    warnings.add("\\" + Character.toString(lo) + " inside [...] is read here as its lower-case class");
                }
                if (loClass == null) {
                    int control = control(lo);
                    if (control >= 0) {
                        lo = control;
                    } else if (lo < 128 && Character.isLetterOrDigit(lo)) {
                        warnings.add("\\" + Character.toString(lo) + " inside [...] has a special meaning in Docker's matcher");
                    }
                }
            } else if (lo == '*' || lo == '?' || lo == '[') {
                warnings.add("'" + Character.toString(lo) + "' inside [...] is turned into a wildcard by Docker's matcher,"
                        + " so the class does not match what it looks like");
            }
            if (loClass != null) {
                for (int v : loClass) {
                    ranges.add(v);
                }
                continue;
            }
            int hi = lo;
            if (pos + 1 < cp.length && cp[pos] == '-' && cp[pos + 1] != ']') {
                pos++;
                hi = cp[pos++];
                if (hi == '\\' && pos < cp.length) {
                    hi = cp[pos++];
                }
                if (hi < lo) {
                    return new ClassParse(null, skipPastClass(cp, pos),
                            "character class range " + Character.toString(lo) + "-" + Character.toString(hi) + " is out of order");
                }
            }
            ranges.add(lo);
            ranges.add(hi);
        }
        if (pos < cp.length) {
            pos++; // the ']'
        }
        int[] r = ranges.stream().mapToInt(Integer::intValue).toArray();
        return new ClassParse(Glob.Step.cls(r, negated), pos, null);
    }

    private static int skipPastClass(int[] cp, int pos) {
        while (pos < cp.length && cp[pos] != ']') {
            pos += cp[pos] == '\\' ? 2 : 1;
        }
        return Math.min(cp.length, pos + 1);
    }

    /**
     * The syntax check Go's {@code filepath.Match} makes: classes must be closed and non-empty,
     * a range end may not be '-' or ']', and the pattern may not end with a lone backslash.
     * Returns a message, or null when the pattern is well formed.
     */
    static String checkGoMatchSyntax(String pattern) {
        int[] cp = Glob.codePoints(pattern);
        int i = 0;
        while (i < cp.length) {
            int c = cp[i];
            if (c == '\\') {
                if (i + 1 >= cp.length) {
                    return "pattern ends with a lone backslash";
                }
                i += 2;
            } else if (c == '[') {
                i++;
                if (i < cp.length && cp[i] == '^') {
                    i++;
                }
                int ranges = 0;
                while (true) {
                    if (i < cp.length && cp[i] == ']' && ranges > 0) {
                        i++;
                        break;
                    }
                    int[] lo = classChar(cp, i);
                    if (lo == null) {
                        return "unterminated or empty character class in pattern";
                    }
                    i = lo[1];
                    if (i < cp.length && cp[i] == '-') {
                        int[] hi = classChar(cp, i + 1);
                        if (hi == null) {
                            return "bad range in character class";
                        }
                        i = hi[1];
                    }
                    ranges++;
                }
            } else {
                i++;
            }
        }
        return null;
    }

    /** Go's getEsc: one class character at {@code i}; returns {char, next index} or null. */
    private static int[] classChar(int[] cp, int i) {
        if (i >= cp.length || cp[i] == '-' || cp[i] == ']') {
            return null;
        }
        int c = cp[i];
        if (c == '\\') {
            i++;
            if (i >= cp.length) {
                return null;
            }
            c = cp[i];
        }
        i++;
        if (i >= cp.length) {
            return null; // the class is not closed
        }
        return new int[] {c, i};
    }
}
