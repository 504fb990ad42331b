package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * One instruction, with everything needed to point at or rewrite any part of it.
 *
 * @param kind what the keyword names, matched case-insensitively
 * @param keyword the keyword exactly as written ({@code run}, {@code Run} ...) with its span
 * @param flags the leading {@code --flags}, in order
 * @param arguments the rest, in the shape BuildKit gives it for this kind
 * @param heredocs the here-documents the instruction opens, in order (shared with an ONBUILD trigger)
 * @param span from the keyword to the end of the last line the instruction takes: continuation
 *     lines, comment and empty lines inside it, heredoc bodies and terminators included
 * @param logicalText the instruction's text as BuildKit parses it (its {@code Original}): physical
 *     lines joined with the escape character and what follows it removed, comment and empty lines
 *     inside it left out, each character mapped to the file. An ONBUILD trigger shares its ONBUILD's
 *     text (the trigger's own part starts at its keyword)
 * @param precedingComments the comment lines BuildKit attaches to the instruction (its
 *     {@code PrevComment}): those since the previous instruction, restarted by an empty {@code #}
 *     line, parser directives excluded; blank lines do not restart them
 * @param innerComments comment lines inside the instruction's continuation lines (dropped from its text)
 * @param emptyContinuationLines white-space-only lines inside its continuation lines, which BuildKit
 *     skips with a warning ("Empty continuation line")
 * @param startLine BuildKit's 1-based start line (lines counted at LF)
 * @param endLine BuildKit's 1-based end line, inclusive
 */
public record Instruction(
        InstructionKind kind,
        Word keyword,
        List<Flag> flags,
        Arguments arguments,
        List<Heredoc> heredocs,
        Span span,
        MappedText logicalText,
        List<Comment> precedingComments,
        List<Comment> innerComments,
        List<Span> emptyContinuationLines,
        int startLine,
        int endLine) {

    public Instruction {
        flags = List.copyOf(flags);
        heredocs = List.copyOf(heredocs);
        precedingComments = List.copyOf(precedingComments);
        innerComments = List.copyOf(innerComments);
        emptyContinuationLines = List.copyOf(emptyContinuationLines);
    }

    public SourceFile file() {
        return logicalText.file();
    }

    /** The instruction's source text, exactly as in the file (see {@link #span()}). */
    public String rawText() {
        return file().text(span);
    }

    /** Whether the arguments are in JSON form (exec form, or a JSON list for COPY/ADD/VOLUME). */
    public boolean isJsonForm() {
        return arguments.isJson();
    }

    /** The first flag with this name (without {@code --}), as BuildKit's single-value flags use. */
    public Optional<Flag> flag(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Every flag with this name, for repeatable flags such as {@code --mount} and {@code --exclude}. */
    public List<Flag> flags(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).toList();
    }

    /** The value of the first flag with this name, if it is present and has a value. */
    public Optional<String> flagValue(String name) {
        return flag(name).map(Flag::value);
    }

    /** The {@code --mount} flags of a RUN, parsed. */
    public List<MountSpec> mounts() {
        return flags("mount").stream().map(Flag::mount).toList();
    }

    /** For ONBUILD, the trigger instruction; otherwise empty. */
    public Optional<Instruction> trigger() {
        return arguments instanceof OnbuildArguments onbuild ? Optional.of(onbuild.trigger()) : Optional.empty();
    }

    @Override
    public String toString() {
        return kind + "@" + span;
    }
}
