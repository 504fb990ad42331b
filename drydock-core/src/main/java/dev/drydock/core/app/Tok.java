package dev.drydock.core.app;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of a Python or JavaScript expression, and the small tokenizer that makes them. Strings
 * carry their value (simple escapes decoded) and whether they are dynamic (an f-string with
 * fields, a JavaScript template with {@code ${}}).
 */
record Tok(Kind kind, String text, String value, boolean dynamic, int offset) {

    enum Kind { NAME, NUMBER, STRING, OP }

    boolean is(String op) {
        return kind != Kind.STRING && text.equals(op);
    }

    boolean isName() {
        return kind == Kind.NAME;
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    /** A string whose value is fully known. */
    boolean isLiteralString() {
        return kind == Kind.STRING && !dynamic;
    }

    static List<Tok> tokenize(String s, boolean js) {
        List<Tok> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (js && c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (js && c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (!js && c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                String word = s.substring(i, j);
                if (!js && j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'') && word.matches("(?i)[rbfu]{1,2}")) {
                    int start = i;
                    i = string(s, j, out, word.toLowerCase().contains("f"), word.toLowerCase().contains("r"), false);
                    Tok t = out.remove(out.size() - 1);
                    out.add(new Tok(Kind.STRING, s.substring(start, i), t.value(), t.dynamic(), start));
                    continue;
                }
                out.add(new Tok(Kind.NAME, word, word, false, i));
                i = j;
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Tok(Kind.NUMBER, s.substring(i, j), s.substring(i, j).replace("_", ""), false, i));
                i = j;
                continue;
            }
            if (c == '"' || c == '\'' || js && c == '`') {
                i = string(s, i, out, false, false, js && c == '`');
                continue;
            }
            String two = i + 1 < n ? s.substring(i, i + 2) : "";
            String three = i + 2 < n ? s.substring(i, i + 3) : "";
            if (three.equals("===") || three.equals("!==") || three.equals("...") || three.equals("**=")) {
                out.add(new Tok(Kind.OP, three, three, false, i));
                i += 3;
                continue;
            }
            if (List.of("==", "!=", "<=", ">=", "=>", "->", "**", "//", "&&", "||", "??", "?.", ":=", "+=", "-=")
                    .contains(two)) {
                out.add(new Tok(Kind.OP, two, two, false, i));
                i += 2;
                continue;
            }
            out.add(new Tok(Kind.OP, String.valueOf(c), String.valueOf(c), false, i));
            i++;
        }
        return out;
    }

    /** Reads a string literal starting at the quote; returns the index after it. */
    private static int string(String s, int at, List<Tok> out, boolean fstring, boolean raw, boolean template) {
        int n = s.length();
        char q = s.charAt(at);
        boolean triple = !template && at + 2 < n && s.charAt(at + 1) == q && s.charAt(at + 2) == q;
        int i = at + (triple ? 3 : 1);
        StringBuilder value = new StringBuilder();
        boolean dynamic = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = s.charAt(i + 1);
                if (raw) {
                    value.append(c).append(e);
                } else {
                    value.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> e;
                    });
                }
                i += 2;
                continue;
            }
            if (c == q && (!triple || i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q)) {
                i += triple ? 3 : 1;
                out.add(new Tok(Kind.STRING, s.substring(at, i), value.toString(), dynamic, at));
                return i;
            }
            if (template && c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
                dynamic = true;
            }
            if (fstring && c == '{') {
                if (i + 1 < n && s.charAt(i + 1) == '{') {
                    value.append('{');
                    i += 2;
                    continue;
                }
                dynamic = true;
            }
            value.append(c);
            i++;
        }
        out.add(new Tok(Kind.STRING, s.substring(at), value.toString(), true, at));
        return n;
    }

    /** The index of the bracket closing the one at {@code open}, or the list's size when unbalanced. */
    static int closing(List<Tok> toks, int open) {
        int depth = 0;
        for (int i = open; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.kind() == Kind.OP && (t.text().equals("(") || t.text().equals("[") || t.text().equals("{"))) {
                depth++;
            } else if (t.kind() == Kind.OP && (t.text().equals(")") || t.text().equals("]") || t.text().equals("}"))) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return toks.size();
    }

    /** One argument of a call: its keyword ({@code null} when positional) and its tokens. */
    record Arg(String keyword, List<Tok> tokens) {

        /** The value of a lone literal string, else null. */
        String string() {
            return tokens.size() == 1 && tokens.get(0).isLiteralString() ? tokens.get(0).value() : null;
        }

        boolean isString() {
            return tokens.size() == 1 && tokens.get(0).kind() == Kind.STRING;
        }

        /** A lone name ({@code notes_bp}) or dotted name ({@code views.health}), else null. */
        String name() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < tokens.size(); i++) {
                Tok t = tokens.get(i);
                if (i % 2 == 0 ? !t.isName() : !t.is(".")) {
                    return null;
                }
                b.append(t.text());
            }
            return b.isEmpty() || tokens.size() % 2 == 0 ? null : b.toString();
        }

        String text() {
            StringBuilder b = new StringBuilder();
            for (Tok t : tokens) {
                if (!b.isEmpty() && (t.isName() || t.kind() == Kind.NUMBER || t.kind() == Kind.STRING)
                        && (b.charAt(b.length() - 1) == ',' || Character.isJavaIdentifierPart(b.charAt(b.length() - 1)))) {
                    b.append(' ');
                }
                b.append(t.text());
                if (t.is(",")) {
                    b.append(' ');
                }
            }
            return b.toString();
        }
    }

    /**
     * The arguments of the call whose '(' is at {@code open}: split at top-level commas, Python
     * {@code name=value} and JavaScript-free; {@code *args} and {@code **kwargs} keep their stars.
     */
    static List<Arg> args(List<Tok> toks, int open) {
        List<Arg> args = new ArrayList<>();
        int close = closing(toks, open);
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i <= close; i++) {
            if (i < close) {
                Tok t = toks.get(i);
                if (t.kind() == Kind.OP) {
                    if (t.text().equals("(") || t.text().equals("[") || t.text().equals("{")) {
                        depth++;
                    } else if (t.text().equals(")") || t.text().equals("]") || t.text().equals("}")) {
                        depth--;
                    }
                }
                if (!(depth == 0 && t.is(","))) {
                    continue;
                }
            }
            List<Tok> part = toks.subList(Math.min(start, i), i);
            if (!part.isEmpty()) {
                if (part.size() >= 2 && part.get(0).isName() && part.get(1).is("=")) {
                    args.add(new Arg(part.get(0).text(), List.copyOf(part.subList(2, part.size()))));
                } else {
                    args.add(new Arg(null, List.copyOf(part)));
                }
            }
            start = i + 1;
        }
        return args;
    }

    static Arg keyword(List<Arg> args, String name) {
        return args.stream().filter(a -> name.equals(a.keyword())).findFirst().orElse(null);
    }

    static Arg positional(List<Arg> args, int index) {
        List<Arg> positionals = args.stream().filter(a -> a.keyword() == null).toList();
        return index < positionals.size() ? positionals.get(index) : null;
    }
}
