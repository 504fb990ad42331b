package dev.drydock.core.edit;

import dev.drydock.core.edit.FixSafety;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A repair a rule offers for one finding: text edits on the project's files, applied together or
 * not at all, and how safe they are to apply without a person looking ({@link FixSafety}).
 *
 * @param title what the fix does, in a few words: "pin python:3.11-slim to 3.11.14-slim"
 * @param restructures whether the fix changes the shape of its files (a Dockerfile stage split in two) or what
 *     their image runs (a production server in place of the development one): the other fixes of those files,
 *     computed on the old shape or program, wait for the next round
 */
public record Fix(String title, FixSafety safety, List<TextEdit> edits, boolean restructures) {

    public Fix(String title, FixSafety safety, List<TextEdit> edits) {
        this(title, safety, edits, false);
    }

    /** This fix, applied in a round of its own in its files ({@link #restructures}). */
    public Fix restructuring() {
        return new Fix(title, safety, edits, true);
    }

    public Fix {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(safety, "safety");
        if (safety == FixSafety.NONE) {
            throw new IllegalArgumentException("a fix has a safety level: safe, unsafe or suggestion");
        }
        edits = List.copyOf(joinInsertionsAtOnePoint(edits));
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a fix has at least one edit");
        }
        for (int i = 0; i < edits.size(); i++) {
            for (int j = i + 1; j < edits.size(); j++) {
                if (edits.get(i).overlaps(edits.get(j))) {
                    throw new IllegalArgumentException("the edits of fix \"" + title + "\" overlap: " + edits.get(i)
                            + " and " + edits.get(j));
                }
            }
        }
    }

    /**
     * The edits with the insertions made at one offset of one file joined into one, in their order: within
     * a fix that order is meant (a user created, then switched to), so they do not overlap.
     */
    private static List<TextEdit> joinInsertionsAtOnePoint(List<TextEdit> edits) {
        List<TextEdit> joined = new ArrayList<>(edits.size());
        for (TextEdit edit : edits) {
            int earlier = edit.isInsertion() ? insertionAt(joined, edit) : -1;
            if (earlier < 0) {
                joined.add(edit);
            } else {
                TextEdit first = joined.get(earlier);
                joined.set(earlier, new TextEdit(first.file(), first.start(), first.end(),
                        first.replacement() + edit.replacement(), first.anyOrder() && edit.anyOrder()));
            }
        }
        return joined;
    }

    private static int insertionAt(List<TextEdit> edits, TextEdit insertion) {
        for (int i = 0; i < edits.size(); i++) {
            TextEdit edit = edits.get(i);
            if (edit.isInsertion() && edit.start() == insertion.start() && edit.file().equals(insertion.file())) {
                return i;
            }
        }
        return -1;
    }

    public static Fix of(String title, FixSafety safety, TextEdit... edits) {
        return new Fix(title, safety, List.of(edits));
    }

    public static Fix of(String title, FixSafety safety, List<TextEdit> edits) {
        return new Fix(title, safety, edits);
    }

    /** The files this fix changes, in order of first edit. */
    public List<String> files() {
        List<String> files = new ArrayList<>(1);
        for (TextEdit edit : edits) {
            if (!files.contains(edit.file())) {
                files.add(edit.file());
            }
        }
        return Collections.unmodifiableList(files);
    }

    /** Whether any edit of this fix overlaps any edit of another, or inserts at the edge of text it replaces. */
    public boolean conflictsWith(Fix other) {
        for (TextEdit a : edits) {
            for (TextEdit b : other.edits) {
                if (a.touches(b)) {
                    return true;
                }
            }
        }
        return false;
    }
}
