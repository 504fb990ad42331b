package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.Arrays;

/**
 * The file cut into lines the way BuildKit's scanner cuts it: at LF only (a lone CR stays inside its
 * line), each line's content ending before its trailing CR and LF characters. Also finds the first
 * line BuildKit's scanner cannot read (longer than 65535 bytes).
 */
final class PhysicalLines {

    /** BuildKit's {@code bufio.Scanner} refuses a line (without its LF) of this many bytes or more. */
    static final int MAX_LINE_BYTES = 65536;

    private final int[] starts;
    private final int[] contentEnds;
    private final int count;
    private final int readable;

    private PhysicalLines(int[] starts, int[] contentEnds, int count, int readable) {
        this.starts = starts;
        this.contentEnds = contentEnds;
        this.count = count;
        this.readable = readable;
    }

    static PhysicalLines of(String text) {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int count = 0;
        int readable = -1;
        int length = text.length();
        int start = 0;
        while (start < length) {
            int lf = text.indexOf('\n', start);
            int next = lf < 0 ? length : lf + 1;
            int rawEnd = lf < 0 ? length : lf;
            int end = rawEnd;
            while (end > start && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == '\n')) {
                end--;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            if (readable < 0 && GoText.utf8Length(text, start, rawEnd) >= MAX_LINE_BYTES) {
                readable = count;
            }
            count++;
            start = next;
        }
        return new PhysicalLines(starts, ends, count, readable < 0 ? count : readable);
    }

    /** Number of lines (a final LF does not start another one). */
    int count() {
        return count;
    }

    /** Number of leading lines BuildKit reads before it meets a line that is too long. */
    int readable() {
        return readable;
    }

    int start(int index) {
        return starts[index];
    }

    /** End of the line's content: before its LF and any CR or LF characters in front of it. */
    int contentEnd(int index) {
        return contentEnds[index];
    }
}
