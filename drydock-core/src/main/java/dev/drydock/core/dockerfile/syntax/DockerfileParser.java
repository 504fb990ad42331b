package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Dockerfile exactly as BuildKit's {@code frontend/dockerfile/parser} does (same
 * instructions, same arguments, same errors) while keeping every position, so that findings can
 * point at any part of the file and fixes can edit it character for character.
 *
 * <p>Malformed input always ends in a {@link SourceException} at the offending position, never in
 * another exception. Parsing takes time linear in the file's length.
 */
public final class DockerfileParser {

    private final SourceFile file;
    private final String text;
    private final PhysicalLines lines;
    private final DirectiveReader directiveReader;
    private final List<ParserDirective> directives = new ArrayList<>();
    private final List<Instruction> instructions = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<Span> blankLines = new ArrayList<>();
    private List<Comment> pendingComments = new ArrayList<>();
    private int index;

    private DockerfileParser(SourceFile file) {
        this.file = file;
        this.text = file.text();
        this.lines = PhysicalLines.of(text);
        this.directiveReader = new DirectiveReader(file);
    }

    /** Parses a whole Dockerfile. */
    public static Dockerfile parse(SourceFile file) {
        return new DockerfileParser(file).parse();
    }

    private Dockerfile parse() {
        int readable = lines.readable();
        while (index < readable) {
            int start = index == 0 ? file.contentStart() : lines.start(index);
            int end = lines.contentEnd(index);
            int first = GoText.skipSpace(text, start, end);
            boolean comment = first < end && text.charAt(first) == '#';
            ParserDirective directive = directiveReader.offer(first, end);
            if (directive != null) {
                directives.add(directive);
                index++;
                continue;
            }
            if (comment) {
                Comment c = comment(first, end);
                comments.add(c);
                if (c.text().isEmpty()) {
                    pendingComments = new ArrayList<>();
                } else {
                    pendingComments.add(c);
                }
                index++;
                continue;
            }
            if (first == end) {
                blankLines.add(file.span(start, end));
                index++;
                continue;
            }
            instructions.add(instruction(first, end));
        }
        if (instructions.isEmpty()) {
            // BuildKit reports the last line it read
            throw new SourceException(file, readable == 0 ? 0 : lines.start(readable - 1), "file with no instructions");
        }
        if (readable < lines.count()) {
            throw new SourceException(file, lines.start(readable),
                    "dockerfile line greater than max allowed size of " + (PhysicalLines.MAX_LINE_BYTES - 1));
        }
        return new Dockerfile(file, directiveReader.escape(), directives, instructions, comments, blankLines);
    }

    /** Reads the instruction whose first line is the current one, from {@code first} to {@code end}. */
    private Instruction instruction(int first, int end) {
        char escape = directiveReader.escape();
        int readable = lines.readable();
        int firstLine = index;
        LogicalLine line = new LogicalLine(file, first);
        List<Comment> inner = new ArrayList<>();
        List<Span> emptyLines = new ArrayList<>();
        boolean continued = appendPiece(line, first, end, escape);
        index++;
        while (continued && index < readable) {
            int start = lines.start(index);
            int stop = lines.contentEnd(index);
            int nonSpace = GoText.skipSpace(text, start, stop);
            if (nonSpace < stop && text.charAt(nonSpace) == '#') {
                Comment c = comment(nonSpace, stop);
                inner.add(c);
                comments.add(c);
            } else if (nonSpace == stop) {
                emptyLines.add(file.span(start, stop));
            } else {
                continued = appendPiece(line, start, stop, escape);
            }
            index++;
        }
        InstructionDraft draft = InstructionParser.parse(line, escape);
        List<Heredoc> heredocs = draft.canContainHeredoc() && line.text().contains("<<") ? heredocs(line) : List.of();
        int lastLine = index - 1;
        int endOffset = lines.contentEnd(lastLine);
        List<Comment> preceding = pendingComments;
        pendingComments = new ArrayList<>();
        return build(draft, line, first, heredocs, endOffset, preceding, inner, emptyLines, firstLine + 1, lastLine + 1);
    }

    /**
     * Appends the text {@code from..to} of one physical line (for the first line, after its leading
     * white space) to the logical line, without a line continuation at its end; returns whether the line
     * continues. As BuildKit's {@code trimContinuationCharacter}: the escape character followed only by
     * spaces and tabs continues the line unless another escape character precedes it.
     */
    private boolean appendPiece(LogicalLine line, int from, int to, char escape) {
        int end = to;
        while (end > from && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end > from && text.charAt(end - 1) == escape) {
            int escapeAt = end - 1;
            if (escapeAt == from || text.charAt(escapeAt - 1) != escape) {
                line.append(from, escapeAt);
                return true;
            }
        }
        line.append(from, to);
        return false;
    }

    /** Reads the bodies of the heredocs the line opens, in order, from the lines that follow. */
    private List<Heredoc> heredocs(LogicalLine line) {
        List<HeredocMarkers.Marker> markers;
        try {
            markers = HeredocMarkers.find(line.text());
        } catch (HeredocMarkers.MarkerException e) {
            throw line.error(e.start, e.getMessage());
        }
        List<Heredoc> heredocs = new ArrayList<>(markers.size());
        int readable = lines.readable();
        for (HeredocMarkers.Marker marker : markers) {
            int bodyStart = index < readable ? lines.start(index) : text.length();
            int terminatorLine = -1;
            while (index < readable) {
                int start = lines.start(index);
                int stop = lines.contentEnd(index);
                int candidate = start;
                if (marker.stripTabs()) {
                    while (candidate < stop && text.charAt(candidate) == '\t') {
                        candidate++;
                    }
                }
                index++;
                if (stop - candidate == marker.name().length() && text.startsWith(marker.name(), candidate)) {
                    terminatorLine = index - 1;
                    break;
                }
            }
            if (terminatorLine < 0) {
                throw line.error(marker.start(), "unterminated heredoc");
            }
            int terminatorStart = lines.start(terminatorLine);
            int terminatorEnd = lines.contentEnd(terminatorLine);
            heredocs.add(new Heredoc(marker.name(), marker.stripTabs(), marker.expand(), marker.fileDescriptor(),
                    line.span(marker.start(), marker.end()), MappedText.of(file, bodyStart, terminatorStart),
                    file.span(bodyStart, terminatorEnd), file.span(terminatorStart, terminatorEnd)));
        }
        return heredocs;
    }

    /** Turns the draft into instructions, the ONBUILD chain from the inside out. */
    private Instruction build(InstructionDraft draft, LogicalLine line, int start, List<Heredoc> heredocs, int endOffset,
            List<Comment> preceding, List<Comment> inner, List<Span> emptyLines, int startLine, int endLine) {
        List<InstructionDraft> chain = new ArrayList<>();
        for (InstructionDraft d = draft; d != null; d = d.trigger()) {
            chain.add(d);
        }
        Instruction built = null;
        MappedText logicalText = line.toMappedText(); // shared by the triggers: copying it per level would be quadratic
        for (int i = chain.size() - 1; i >= 0; i--) {
            InstructionDraft d = chain.get(i);
            Arguments arguments = d.trigger() != null ? new OnbuildArguments(built) : d.arguments();
            boolean top = i == 0;
            Span span = file.span(top ? start : d.keyword().span().start(), endOffset);
            built = new Instruction(d.kind(), d.keyword(), d.flags(), arguments, heredocs, span,
                    logicalText,
                    top ? preceding : List.of(), top ? inner : List.of(), top ? emptyLines : List.of(),
                    startLine, endLine);
        }
        return built;
    }

    private Comment comment(int hash, int end) {
        return new Comment(GoText.trimSpace(text.substring(hash + 1, end)), file.span(hash, end));
    }
}
