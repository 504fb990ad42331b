package dev.drydock.core.shell;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;

/** Position helpers over {@link MappedText} that never throw, whatever the indexes. */
final class Texts {

    private Texts() {}

    /** The file span of text indexes {@code start..end} (end exclusive), clamped into the text and file. */
    static Span span(MappedText text, int start, int end) {
        int length = text.length();
        start = clamp(start, 0, length);
        end = clamp(end, start, length);
        SourceFile file = text.file();
        int fileLength = file.text().length();
        int from = length == 0 ? 0 : text.fileOffset(start);
        int to = end > start ? text.fileOffset(end - 1) + 1 : from;
        from = clamp(from, 0, fileLength);
        to = clamp(to, from, fileLength);
        return file.span(from, to);
    }

    /** The file span from the start of {@code first} to the end of {@code last}. */
    static Span cover(SourceFile file, Span first, Span last) {
        return file.span(first.start(), Math.max(first.start(), last.end()));
    }

    /**
     * Text made of {@code count} characters {@code chars}, the i-th of which stands at index
     * {@code index[i]} of {@code outer}: each maps to the file where {@code outer} maps that index (as a
     * synthetic character when it differs from the file's, e.g. a decoded escape).
     */
    static MappedText sub(MappedText outer, CharSequence chars, int[] index, int count) {
        SourceFile file = outer.file();
        String fileText = file.text();
        MappedText.Builder builder = MappedText.builder(file);
        int outerLength = outer.length();
        for (int i = 0; i < count; i++) {
            char c = chars.charAt(i);
            int at = clamp(index[i], 0, outerLength);
            int offset = outerLength == 0 ? 0 : outer.fileOffset(at);
            if (offset >= 0 && offset < fileText.length() && fileText.charAt(offset) == c) {
                builder.append(offset, offset + 1);
            } else {
                builder.appendSynthetic(String.valueOf(c), clamp(offset, 0, Math.max(0, fileText.length() - 1)));
            }
        }
        return builder.build();
    }

    private static int clamp(int value, int min, int max) {
        return value < min ? min : Math.min(value, max);
    }
}
