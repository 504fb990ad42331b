package dev.drydock.core.edit;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;

/**
 * Text edits expressed in lines of a file, as fixes need them: whole lines inserted, replaced or
 * deleted with their terminators, so that the rest of the file keeps its layout. Lines are 1-based;
 * text given ends without a newline (the edit adds the terminator, the engine writes the file's own).
 */
public final class SourceEdits {

    private SourceEdits() {
    }

    public static TextEdit replace(SourceFile file, Span span, String text) {
        return TextEdit.replace(file.path(), span, text);
    }

    /** Inserts {@code text} at an offset. */
    public static TextEdit insert(SourceFile file, int offset, String text) {
        return TextEdit.insert(file.path(), offset, text);
    }

    /** New lines before line {@code line}. */
    public static TextEdit insertLinesBefore(SourceFile file, int line, String lines) {
        return TextEdit.insert(file.path(), file.lineStart(line), lines + "\n");
    }

    /** New lines after line {@code line} (at the end of the file when it is the last line). */
    public static TextEdit insertLinesAfter(SourceFile file, int line, String lines) {
        if (line < file.lineCount()) {
            return TextEdit.insert(file.path(), file.lineStart(line + 1), lines + "\n");
        }
        return appendLines(file, lines);
    }

    /** New lines at the end of the file, after a newline when its last line has none. */
    public static TextEdit appendLines(SourceFile file, String lines) {
        String text = file.text();
        boolean needsNewline = text.length() > file.contentStart() && !text.endsWith("\n") && !text.endsWith("\r");
        return TextEdit.insert(file.path(), text.length(), (needsNewline ? "\n" : "") + lines + "\n");
    }

    /** Replaces lines {@code first..last} (their text, not their final terminator) by {@code lines}. */
    public static TextEdit replaceLines(SourceFile file, int first, int last, String lines) {
        return TextEdit.replace(file.path(), file.lineStart(first), file.lineEnd(last), lines);
    }

    /** Deletes lines {@code first..last} with their terminators. */
    public static TextEdit deleteLines(SourceFile file, int first, int last) {
        int start = file.lineStart(first);
        int end = last < file.lineCount() ? file.lineStart(last + 1) : file.text().length();
        if (last >= file.lineCount() && first > 1) {
            start = file.lineEnd(first - 1); // the last line: take the terminator before it instead
        }
        return TextEdit.delete(file.path(), start, end);
    }

    /** The leading blanks of a line. */
    public static String indentation(SourceFile file, int line) {
        String text = file.line(line);
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(0, i);
    }
}
