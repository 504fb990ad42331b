package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BuildKit's {@code extractBuilderFlags}: the leading words that start with {@code --}, with quotes
 * removed and escaped characters taken literally; a bare {@code --} ends the flags and is dropped.
 */
final class FlagExtractor {

    /** The flags found and where the rest of the text starts. */
    record Result(List<Flag> flags, int rest) {}

    private FlagExtractor() {}

    static Result extract(LogicalLine line, int from, int to, char escape) {
        String s = line.text();
        List<Flag> flags = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int[] offsets = new int[16];
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
        boolean blankOk = false;
        int wordStart = from;
        int pos = from;
        while (true) {
            boolean atEnd = pos >= to;
            char ch = atEnd ? 0 : s.charAt(pos);
            if (!inWord && !inQuote) {
                if (atEnd) {
                    break;
                }
                if (GoText.isLatin1Space(ch)) {
                    pos++;
                    continue;
                }
                if (ch != '-' || pos + 1 >= to || s.charAt(pos + 1) != '-') {
                    return new Result(flags, pos);
                }
                inWord = true;
                wordStart = pos;
            }
            if (atEnd) {
                if (!isDoubleDash(word) && (blankOk || word.length() > 0)) {
                    flags.add(flag(line, word, offsets, wordStart, to));
                }
                break;
            }
            if (inWord) {
                if (GoText.isLatin1Space(ch)) {
                    inWord = false;
                    if (isDoubleDash(word)) {
                        return new Result(flags, pos);
                    }
                    if (blankOk || word.length() > 0) {
                        flags.add(flag(line, word, offsets, wordStart, pos));
                    }
                    word.setLength(0);
                    blankOk = false;
                    pos++;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                    pos++;
                    continue;
                }
            } else if (ch == quote) {
                inQuote = false;
                inWord = true;
                pos++;
                continue;
            }
            if (ch == escape) {
                if (pos + 1 >= to) {
                    if (inQuote) {
                        inQuote = false;
                        inWord = true;
                    }
                    pos++;
                    continue;
                }
                pos++;
                ch = s.charAt(pos);
            }
            if (word.length() == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[word.length()] = line.fileOffset(pos);
            word.append(ch);
            pos++;
        }
        return new Result(flags, to);
    }

    private static boolean isDoubleDash(StringBuilder word) {
        return word.length() == 2 && word.charAt(0) == '-' && word.charAt(1) == '-';
    }

    private static Flag flag(LogicalLine line, StringBuilder word, int[] offsets, int start, int end) {
        SourceFile file = line.file();
        String text = word.toString();
        MappedText.Builder mapped = MappedText.builder(file);
        for (int i = 0; i < text.length(); i++) {
            mapped.append(offsets[i], offsets[i] + 1);
        }
        int equals = text.indexOf('=');
        int nameEnd = equals < 0 ? text.length() : equals;
        String name = text.substring(Math.min(2, nameEnd), nameEnd);
        String value = equals < 0 ? null : text.substring(equals + 1);
        Span nameSpan = range(file, offsets, Math.min(2, nameEnd), nameEnd);
        Span valueSpan = null;
        if (value != null) {
            valueSpan = value.isEmpty()
                    ? file.span(offsets[equals] + 1, offsets[equals] + 1)
                    : range(file, offsets, equals + 1, text.length());
        }
        return new Flag(name, value, mapped.build(), line.span(start, end), nameSpan, valueSpan);
    }

    private static Span range(SourceFile file, int[] offsets, int from, int to) {
        if (to <= from) {
            int at = from < offsets.length && from > 0 ? offsets[from - 1] + 1 : offsets[0];
            return file.span(at, at);
        }
        return file.span(offsets[from], offsets[to - 1] + 1);
    }
}
