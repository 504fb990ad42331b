package dev.drydock.core.shell;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** State shared by the parsers of one script and its nested texts (backquotes, heredocs, {@code sh -c}). */
final class ParseContext {

    final SourceFile file;
    final List<ShellProblem> problems = new ArrayList<>();
    /** Current nesting of constructs, against {@link ShellParser#MAX_DEPTH}. */
    int depth;
    boolean depthReported;

    ParseContext(SourceFile file) {
        this.file = file;
    }

    void problem(MappedText text, int start, int end, String message) {
        problems.add(new ShellProblem(message, Texts.span(text, start, end)));
    }
}
