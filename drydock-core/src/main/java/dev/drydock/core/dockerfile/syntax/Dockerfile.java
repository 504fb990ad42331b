package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: its instructions in order, and everything between them.
 *
 * @param file the source
 * @param escapeChar the escape character in effect, {@code \} or {@code `}
 * @param directives the parser directives of the leading comment block
 * @param instructions the instructions, in order (never empty)
 * @param comments every comment line outside heredoc bodies, in order, including those inside an
 *     instruction's continuation lines; parser directives are not comments here
 * @param blankLines the white-space-only lines between instructions (not those inside an
 *     instruction, see {@link Instruction#emptyContinuationLines()})
 */
public record Dockerfile(
        SourceFile file,
        char escapeChar,
        List<ParserDirective> directives,
        List<Instruction> instructions,
        List<Comment> comments,
        List<Span> blankLines) {

    public Dockerfile {
        directives = List.copyOf(directives);
        instructions = List.copyOf(instructions);
        comments = List.copyOf(comments);
        blankLines = List.copyOf(blankLines);
    }

    /** The directive with this (lower-case) name, if present. */
    public Optional<ParserDirective> directive(String name) {
        return directives.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** From the first instruction's start to the last one's end. */
    public Span span() {
        return file.span(instructions.get(0).span().start(), instructions.get(instructions.size() - 1).span().end());
    }
}
