package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.Arrays;

/**
 * An instruction's text as BuildKit joins it from its physical lines, remembering for every
 * character where in the file it came from.
 */
final class LogicalLine {

    private final SourceFile file;
    private final int anchor;
    private final StringBuilder builder = new StringBuilder();
    private int[] textStarts = new int[4];
    private int[] fileStarts = new int[4];
    private int pieces;
    private String text;

    /** A line starting at file offset {@code anchor} (where an empty line maps to). */
    LogicalLine(SourceFile file, int anchor) {
        this.file = file;
        this.anchor = anchor;
    }

    void append(int fileStart, int fileEnd) {
        if (fileEnd <= fileStart) {
            return;
        }
        if (pieces == textStarts.length) {
            textStarts = Arrays.copyOf(textStarts, pieces * 2);
            fileStarts = Arrays.copyOf(fileStarts, pieces * 2);
        }
        text = null;
        textStarts[pieces] = builder.length();
        fileStarts[pieces] = fileStart;
        pieces++;
        builder.append(file.text(), fileStart, fileEnd);
    }

    String text() {
        if (text == null) {
            text = builder.toString();
        }
        return text;
    }

    int length() {
        return builder.length();
    }

    SourceFile file() {
        return file;
    }

    /** File offset of the character at {@code index}; {@code length()} maps just past the last one. */
    int fileOffset(int index) {
        int length = builder.length();
        if (length == 0) {
            return anchor;
        }
        if (index >= length) {
            return fileOffset(length - 1) + 1;
        }
        int piece = Arrays.binarySearch(textStarts, 0, pieces, index);
        if (piece < 0) {
            piece = -piece - 2;
        }
        return fileStarts[piece] + (index - textStarts[piece]);
    }

    /** The file span of characters {@code from..to} (end exclusive); empty spans sit at {@code from}. */
    Span span(int from, int to) {
        int start = fileOffset(from);
        return to > from ? file.span(start, fileOffset(to - 1) + 1) : file.span(start, start);
    }

    /** Characters {@code from..to}, still mapped to the file. */
    MappedText slice(int from, int to) {
        MappedText.Builder out = MappedText.builder(file);
        if (to <= from) {
            return out.build();
        }
        int piece = Arrays.binarySearch(textStarts, 0, pieces, from);
        if (piece < 0) {
            piece = -piece - 2;
        }
        for (; piece < pieces && textStarts[piece] < to; piece++) {
            int pieceEnd = piece + 1 < pieces ? textStarts[piece + 1] : builder.length();
            int a = Math.max(from, textStarts[piece]);
            int b = Math.min(to, pieceEnd);
            if (b > a) {
                int fileStart = fileStarts[piece] + (a - textStarts[piece]);
                out.append(fileStart, fileStart + (b - a));
            }
        }
        return out.build();
    }

    /** The whole line, mapped to the file. */
    MappedText toMappedText() {
        return slice(0, builder.length());
    }

    /** A parse error at the character {@code index}. */
    SourceException error(int index, String message) {
        return new SourceException(file, fileOffset(index), message);
    }
}
