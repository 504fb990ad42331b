package dev.drydock.core.source;

import java.util.Arrays;

/**
 * Text derived from a source file by leaving parts out (line continuations, comment lines inside an
 * instruction, heredoc indentation), which remembers where each of its characters came from. The
 * shell parser works on such text and maps every word back to the exact file position.
 */
public final class MappedText {

    private final SourceFile file;
    private final String text;
    /** Pieces: text index {@code pieceTextStart[i]} onwards copies the file from {@code pieceFileStart[i]}. */
    private final int[] pieceTextStart;
    private final int[] pieceFileStart;

    private MappedText(SourceFile file, String text, int[] pieceTextStart, int[] pieceFileStart) {
        this.file = file;
        this.text = text;
        this.pieceTextStart = pieceTextStart;
        this.pieceFileStart = pieceFileStart;
    }

    /** The file region {@code start..end} unchanged. */
    public static MappedText of(SourceFile file, int start, int end) {
        return new MappedText(file, file.text().substring(start, end), new int[] {0}, new int[] {start});
    }

    public static Builder builder(SourceFile file) {
        return new Builder(file);
    }

    public SourceFile file() {
        return file;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** File offset of the character at {@code index}; {@code index == length()} maps just past the last one. */
    public int fileOffset(int index) {
        if (index < 0 || index > text.length()) {
            throw new IndexOutOfBoundsException(index);
        }
        if (index == text.length() && index > 0) {
            return fileOffset(index - 1) + 1;
        }
        int piece = Arrays.binarySearch(pieceTextStart, index);
        if (piece < 0) {
            piece = -piece - 2;
        }
        if (piece < 0) {
            return pieceFileStart.length == 0 ? 0 : pieceFileStart[0];
        }
        return pieceFileStart[piece] + (index - pieceTextStart[piece]);
    }

    /** The file span covering text indexes {@code start..end} (end exclusive). */
    public Span fileSpan(int start, int end) {
        int from = fileOffset(start);
        int to = end > start ? fileOffset(end - 1) + 1 : from;
        return file.span(from, to);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Appends file regions (and, rarely, synthetic characters mapped to a file offset) in order. */
    public static final class Builder {
        private final SourceFile file;
        private final StringBuilder text = new StringBuilder();
        private int[] textStarts = new int[8];
        private int[] fileStarts = new int[8];
        private int pieces;

        private Builder(SourceFile file) {
            this.file = file;
        }

        /** Appends the file's characters {@code start..end}. */
        public Builder append(int start, int end) {
            if (end > start) {
                addPiece(text.length(), start);
                text.append(file.text(), start, end);
            }
            return this;
        }

        /** Appends characters that are not in the file as such; they map to {@code fileOffset}. */
        public Builder appendSynthetic(CharSequence chars, int fileOffset) {
            for (int i = 0; i < chars.length(); i++) {
                addPiece(text.length(), fileOffset);
                text.append(chars.charAt(i));
            }
            return this;
        }

        public int length() {
            return text.length();
        }

        public MappedText build() {
            return new MappedText(file, text.toString(), Arrays.copyOf(textStarts, pieces), Arrays.copyOf(fileStarts, pieces));
        }

        private void addPiece(int textStart, int fileStart) {
            if (pieces > 0 && fileStarts[pieces - 1] + (textStart - textStarts[pieces - 1]) == fileStart) {
                return; // continues the previous piece
            }
            if (pieces == textStarts.length) {
                textStarts = Arrays.copyOf(textStarts, pieces * 2);
                fileStarts = Arrays.copyOf(fileStarts, pieces * 2);
            }
            textStarts[pieces] = textStart;
            fileStarts[pieces] = fileStart;
            pieces++;
        }
    }
}
