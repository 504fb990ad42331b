package dev.drydock.core.rules.support;

import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;

/** Adds a package to an apt-get, apk or pip install in the layout the list is written in. */
public final class PackageListEdits {

    private PackageListEdits() {}

    /**
     * The package written after {@code after}: on a line of its own, with the same indentation and a line
     * continuation, when the list puts its packages one per line (the word after which it goes starts its
     * line and follows another package on an earlier line); beside it otherwise.
     */
    public static TextEdit addAfter(String path, SourceFile file, char escape, List<PackageCommands.Package> packages,
            PackageCommands.Package after, String pkg) {
        Span span = after.word().span();
        int index = packages.indexOf(after);
        String line = file.line(span.startLine());
        String before = line.substring(0, Math.max(0, Math.min(line.length(), span.startColumn() - 1)));
        boolean onePerLine = index > 0 && before.isBlank() && !before.isEmpty()
                && packages.get(index - 1).word().span().endLine() < span.startLine();
        return TextEdit.insert(path, span.end(), onePerLine ? " " + escape + "\n" + before + pkg : " " + pkg);
    }
}
