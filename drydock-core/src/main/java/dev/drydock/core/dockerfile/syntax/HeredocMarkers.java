package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds the heredocs an instruction line opens, as BuildKit's {@code heredocsFromLine} and
 * {@code ParseHeredoc} do: the line is split into shell words (quotes, escapes and variables kept as
 * written; a lexing error means no heredocs at all), and each word matching
 * {@code ^(\d*)<<(-?)\s*([^<]*)$} whose rest lexes to exactly one word names a heredoc.
 */
final class HeredocMarkers {

    /** A heredoc marker: its name and options, and the range of the marker word in the line. */
    record Marker(String name, boolean stripTabs, boolean expand, OptionalLong fileDescriptor, int start, int end) {}

    /** A marker BuildKit rejects; {@code start..end} is the marker word. */
    static final class MarkerException extends Exception {
        private static final long serialVersionUID = 1L;
        final int start;
        final int end;

        MarkerException(String message, int start, int end) {
            super(message, null, false, false);
            this.start = start;
            this.end = end;
        }
    }

    private HeredocMarkers() {}

    static List<Marker> find(String line) throws MarkerException {
        List<RawWord> words;
        try {
            words = ShellWordLexer.words(line, 0, line.length(), true, true);
        } catch (ShellWordLexer.LexException e) {
            return List.of();
        }
        List<Marker> markers = new ArrayList<>();
        for (RawWord word : words) {
            Marker marker = parse(word);
            if (marker != null) {
                markers.add(marker);
            }
        }
        return markers;
    }

    /** BuildKit's {@code ParseHeredoc} on one word; {@code null} when it names no heredoc. */
    private static Marker parse(RawWord word) throws MarkerException {
        String w = word.value();
        int digits = 0;
        while (digits < w.length() && w.charAt(digits) >= '0' && w.charAt(digits) <= '9') {
            digits++;
        }
        if (!w.startsWith("<<", digits)) {
            return null;
        }
        int p = digits + 2;
        boolean stripTabs = p < w.length() && w.charAt(p) == '-';
        if (stripTabs) {
            p++;
        }
        while (p < w.length() && GoText.isRegexpSpace(w.charAt(p))) {
            p++;
        }
        String rest = w.substring(p);
        if (rest.isEmpty() || rest.indexOf('<') >= 0) {
            return null;
        }
        List<RawWord> plain;
        List<RawWord> raw;
        try {
            plain = ShellWordLexer.words(rest, 0, rest.length(), false, false);
            if (plain.size() != 1) {
                return null;
            }
            raw = ShellWordLexer.words(rest, 0, rest.length(), true, false);
        } catch (ShellWordLexer.LexException e) {
            throw new MarkerException("failed to process " + GoText.quote(rest) + ": " + e.getMessage(),
                    word.start(), word.end());
        }
        if (raw.size() != plain.size()) {
            throw new MarkerException("internal lexing of heredoc produced inconsistent results: " + rest,
                    word.start(), word.end());
        }
        String name = plain.get(0).value();
        boolean expand = quotes(name) == quotes(raw.get(0).value());
        return new Marker(name, stripTabs, expand, fileDescriptor(w.substring(0, digits)), word.start(), word.end());
    }

    private static OptionalLong fileDescriptor(String digits) {
        if (digits.isEmpty()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                return OptionalLong.of(Long.MAX_VALUE);
            }
            value = value * 10 + d;
        }
        return OptionalLong.of(value);
    }

    private static int quotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                n++;
            }
        }
        return n;
    }
}
