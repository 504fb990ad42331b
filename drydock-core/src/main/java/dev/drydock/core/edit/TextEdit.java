package dev.drydock.core.edit;

import dev.drydock.core.source.Span;
import java.util.Objects;

/**
 * One change to one file: the characters {@code [start, end)} of its current text replaced by
 * {@code replacement}. Offsets count UTF-16 chars of the text as read (after a UTF-8 BOM when the file
 * has one, exactly as {@link dev.drydock.core.source.SourceFile} holds it). An insertion has
 * {@code start == end}; an edit at offset 0 of a file that does not exist creates it.
 *
 * <p>Replacement text uses {@code \n}: the engine writes the file's own line ending.
 *
 * @param file the file, relative to the project root, '/'-separated
 * @param anyOrder whether this insertion adds an item to a collection whose order does not matter (an entry of
 *     compose's top-level volumes:), so that another such insertion at the same offset may go with it
 */
public record TextEdit(String file, int start, int end, String replacement, boolean anyOrder) {

    public TextEdit {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(replacement, "replacement");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range [" + start + ", " + end + ") in " + file);
        }
    }

    public TextEdit(String file, int start, int end, String replacement) {
        this(file, start, end, replacement, false);
    }

    /** This insertion, marked as one whose order among other such insertions at its offset does not matter. */
    public TextEdit inAnyOrder() {
        return new TextEdit(file, start, end, replacement, isInsertion());
    }

    public static TextEdit replace(String file, Span span, String replacement) {
        return new TextEdit(file, span.start(), span.end(), replacement);
    }

    public static TextEdit replace(String file, int start, int end, String replacement) {
        return new TextEdit(file, start, end, replacement);
    }

    public static TextEdit insert(String file, int offset, String text) {
        return new TextEdit(file, offset, offset, text);
    }

    public static TextEdit delete(String file, int start, int end) {
        return new TextEdit(file, start, end, "");
    }

    /** A new file with this content (or, on an existing file, the content inserted at its start). */
    public static TextEdit create(String file, String content) {
        return new TextEdit(file, 0, 0, content);
    }

    public boolean isInsertion() {
        return start == end;
    }

    /**
     * Whether this edit and another touch the same text: ranges that share a character, or two
     * insertions at one offset (their order would be arbitrary) unless both are {@link #anyOrder} and insert
     * different text, or an insertion inside a replaced range.
     */
    public boolean overlaps(TextEdit other) {
        if (!file.equals(other.file)) {
            return false;
        }
        if (isInsertion() && other.isInsertion()) {
            return start == other.start && !(anyOrder && other.anyOrder && !replacement.equals(other.replacement));
        }
        if (isInsertion()) {
            return start > other.start && start < other.end;
        }
        if (other.isInsertion()) {
            return other.start > start && other.start < end;
        }
        return start < other.end && other.start < end;
    }

    /**
     * Whether this edit and another of another fix cannot be applied together: they {@link #overlaps overlap}, or
     * one inserts at the start or end of the text the other replaces. Such an insertion is placed by the text
     * around it (the end of a RUN it extends, the keyword it follows), which the replacement rewrites: applied
     * together, it would land on the replacement's new text, at the end of whatever instruction that ends with.
     */
    public boolean touches(TextEdit other) {
        if (overlaps(other)) {
            return true;
        }
        if (!file.equals(other.file) || isInsertion() == other.isInsertion()) {
            return false;
        }
        TextEdit insertion = isInsertion() ? this : other;
        TextEdit replaced = isInsertion() ? other : this;
        return insertion.start == replaced.start || insertion.start == replaced.end;
    }
}
