package dev.drydock.core.ignore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled glob: a sequence of steps matched against a sequence of symbols (Unicode code points
 * for Docker, UTF-8 bytes for git) by simulating all positions at once, so a match costs at most
 * (path length) x (steps) and no pattern, however many {@code **} it has, backtracks.
 */
final class Glob {

    enum Kind {
        /** one given symbol */
        LITERAL,
        /** one symbol that is not '/' */
        ONE_NOT_SLASH,
        /** any run of symbols without '/' */
        RUN_NOT_SLASH,
        /** one symbol of a class */
        CLASS,
        /** zero or more whole directories: nothing, or any run that ends with '/' */
        DIRECTORIES,
        /** any run of symbols */
        ANYTHING
    }

    /** One step; {@code ranges} holds inclusive pairs for {@link Kind#CLASS}. */
    record Step(Kind kind, int symbol, int[] ranges, boolean negated) {

        static Step literal(int symbol) {
            return new Step(Kind.LITERAL, symbol, null, false);
        }

        static Step of(Kind kind) {
            return new Step(kind, 0, null, false);
        }

        static Step cls(int[] ranges, boolean negated) {
            return new Step(Kind.CLASS, 0, ranges, negated);
        }

        boolean classContains(int c) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (c >= ranges[i] && c <= ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Step[] steps;
    /** Docker's regular expressions: '.' (in ** runs) does not match a newline. */
    private final boolean anyExcludesNewline;
    /** git's WM_PATHNAME: a class never matches '/'. */
    private final boolean classExcludesSlash;

    Glob(List<Step> steps, boolean anyExcludesNewline, boolean classExcludesSlash) {
        this.steps = steps.toArray(Step[]::new);
        this.anyExcludesNewline = anyExcludesNewline;
        this.classExcludesSlash = classExcludesSlash;
    }

    int size() {
        return steps.length;
    }

    /** Whether the whole of {@code input} matches. */
    boolean matches(int[] input) {
        boolean[] state = run(input);
        return state[steps.length];
    }

    /**
     * Whether some continuation of {@code prefix} (possibly empty) matches: every step can be
     * satisfied by some symbol, so any state still alive after the prefix can reach the end.
     */
    boolean canMatchAfter(int[] prefix) {
        boolean[] state = run(prefix);
        for (boolean b : state) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /**
     * States: index i in 0..n means "before step i"; index n+1+i means "inside the directory run
     * of step i" (a DIRECTORIES step that has consumed symbols but not yet its closing '/').
     */
    private boolean[] run(int[] input) {
        int n = steps.length;
        boolean[] current = new boolean[2 * n + 1];
        boolean[] next = new boolean[2 * n + 1];
        current[0] = true;
        close(current);
        for (int c : input) {
            Arrays.fill(next, false);
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (current[i]) {
                    any |= step(i, c, next);
                }
                if (current[n + 1 + i]) {
                    // inside a directory run: keep going, or end it with this '/'
                    if (!(anyExcludesNewline && c == '\n')) {
                        next[n + 1 + i] = true;
                        any = true;
                    }
                    if (c == '/') {
                        next[i + 1] = true;
                        any = true;
                    }
                }
            }
            boolean[] t = current;
            current = next;
            next = t;
            if (!any) {
                Arrays.fill(current, false);
                return current;
            }
            close(current);
        }
        return current;
    }

    /** Consumes {@code c} at step {@code i}, marking the states it leads to. */
    private boolean step(int i, int c, boolean[] next) {
        Step s = steps[i];
        int n = steps.length;
        switch (s.kind) {
            case LITERAL -> {
                if (c == s.symbol) {
                    next[i + 1] = true;
                    return true;
                }
            }
            case ONE_NOT_SLASH -> {
                if (c != '/') {
                    next[i + 1] = true;
                    return true;
                }
            }
            case RUN_NOT_SLASH -> {
                if (c != '/') {
                    next[i] = true;
                    return true;
                }
            }
            case CLASS -> {
                if (classExcludesSlash && c == '/') {
                    return false;
                }
                if (s.classContains(c) != s.negated) {
                    next[i + 1] = true;
                    return true;
                }
            }
            case DIRECTORIES -> {
                boolean moved = false;
                if (!(anyExcludesNewline && c == '\n')) {
                    next[n + 1 + i] = true;
                    moved = true;
                }
                if (c == '/') {
                    next[i + 1] = true;
                    moved = true;
                }
                return moved;
            }
            case ANYTHING -> {
                if (!(anyExcludesNewline && c == '\n')) {
                    next[i] = true;
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the states reachable without consuming anything (steps that may match nothing). */
    private void close(boolean[] state) {
        for (int i = 0; i < steps.length; i++) {
            if (state[i]) {
                Kind k = steps[i].kind;
                if (k == Kind.RUN_NOT_SLASH || k == Kind.DIRECTORIES || k == Kind.ANYTHING) {
                    state[i + 1] = true;
                }
            }
        }
    }

    static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }

    static int[] utf8(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    /** Collects steps while a pattern is compiled. */
    static final class Builder {
        final List<Step> steps = new ArrayList<>();

        Builder add(Step s) {
            steps.add(s);
            return this;
        }

        Builder literal(int c) {
            return add(Step.literal(c));
        }
    }
}
