package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * Edits of Dockerfile instructions that keep the file's layout: a command appended to a RUN in the
 * continuation style it already uses, an ENV/ARG/LABEL entry removed or given another value.
 */
public final class DockerfileEdits {

    private DockerfileEdits() {}

    /** Where the text before {@code end} stops, trailing whitespace left out. */
    private static int contentEnd(String text, int end) {
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /**
     * A safe fix that runs {@code command} right after {@code call} ({@code install && command}), when the call is a
     * plain step of the RUN's main list: not in a pipeline, a subshell or group, the background, or before {@code ||}.
     */
    public static Fix runAfter(BuiltImage image, RunStep run, Call call, String command) {
        if (run.script() == null || call.command() == null || call.command().inPipeline()
                || !call.command().scopes().isEmpty() || call.command().background()
                || call.command().followedBy() == Connector.OR) {
            return null;
        }
        return Fix.of("add && " + command, FixSafety.SAFE,
                TextEdit.insert(image.dockerfile(), call.span().end(), " && " + command));
    }

    /**
     * Appends {@code && command} to a shell-form RUN: on a new continuation line indented like the RUN's
     * other continuation lines (4 spaces for a one-line RUN), with the operator where the RUN puts it
     * (leading {@code && cmd} or trailing {@code cmd && \}). Empty for a RUN with here-documents or in
     * exec form (JSON), where text after the closing bracket is not part of the command, and for a script the
     * shell cannot parse whole (an unclosed quote would swallow the command, a dangling {@code &&} take it as its
     * operand).
     */
    public static Optional<TextEdit> appendToRun(RunStep step, char escape, String command) {
        Instruction run = step.instruction();
        if (!run.heredocs().isEmpty() || run.isJsonForm() || step.script() == null || step.script().hasProblems()) {
            return Optional.empty();
        }
        SourceFile file = run.file();
        String raw = run.rawText();
        int end = contentEnd(raw, raw.length());
        for (int lineStart = raw.lastIndexOf('\n', end - 1) + 1; lineStart > 0
                && raw.substring(lineStart, end).strip().startsWith("#"); lineStart = raw.lastIndexOf('\n', end - 1) + 1) {
            end = contentEnd(raw, lineStart); // a comment line ends the RUN: the command goes after the line before it
        }
        if (end == 0 || raw.charAt(end - 1) == escape) {
            return Optional.empty();
        }
        int first = file.position(run.span().start()).line();
        int last = file.position(run.span().start() + end - 1).line();
        String indent = null;
        boolean trailing = false;
        boolean leading = false;
        for (int line = first + 1; line <= last; line++) {
            String text = file.line(line);
            String stripped = text.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            String lead = text.substring(0, text.indexOf(stripped.charAt(0)));
            if (indent == null || lead.length() < indent.length()) {
                indent = lead;
            }
            leading |= stripped.startsWith("&&");
        }
        for (int line = first; line < last; line++) {
            String stripped = file.line(line).strip();
            trailing |= stripped.endsWith("&& " + escape) || stripped.endsWith("&&" + escape);
        }
        if (indent == null || indent.isEmpty()) {
            indent = SourceEdits.indentation(file, first) + "    ";
        }
        String text = trailing && !leading
                ? " && " + escape + "\n" + indent + command
                : " " + escape + "\n" + indent + "&& " + command;
        return Optional.of(TextEdit.insert(file.path(), run.span().start() + end, text));
    }

    /**
     * Removes one entry of an ENV, ARG or LABEL: the whole instruction when it is the only one, else the
     * entry with the blanks (and line continuation) that separate it from its neighbour, so the
     * remaining entries keep their lines.
     */
    public static TextEdit removeEntry(Instruction instruction, List<KeyValue> entries, KeyValue entry) {
        SourceFile file = instruction.file();
        int index = entries.indexOf(entry);
        if (entries.size() == 1) {
            int first = file.position(instruction.span().start()).line();
            int last = file.position(Math.max(instruction.span().start(), instruction.span().end() - 1)).line();
            return SourceEdits.deleteLines(file, first, last);
        }
        if (index < entries.size() - 1) {
            return TextEdit.delete(file.path(), entry.span().start(), entries.get(index + 1).span().start());
        }
        return TextEdit.delete(file.path(), entries.get(index - 1).span().end(), entry.span().end());
    }

    /**
     * Replaces the value of an entry, keeping its quotes; empty when the written value is not the plain
     * text {@code expected} (a variable reference or escape would be lost).
     */
    public static Optional<TextEdit> replaceValue(SourceFile file, KeyValue entry, String expected, String value) {
        if (entry.value() == null) {
            return Optional.empty();
        }
        String written = file.text(entry.value().span());
        int start = entry.value().span().start();
        int end = entry.value().span().end();
        if (written.length() >= 2 && (written.charAt(0) == '"' || written.charAt(0) == '\'')
                && written.charAt(written.length() - 1) == written.charAt(0)) {
            written = written.substring(1, written.length() - 1);
            start++;
            end--;
        }
        if (!written.equals(expected) || value.isEmpty() && start == entry.value().span().start()) {
            return Optional.empty();
        }
        boolean needsQuotes = start == entry.value().span().start() && value.chars().anyMatch(
                c -> Character.isWhitespace(c) || c == '$' || c == '"' || c == '\'' || c == '\\');
        return Optional.of(TextEdit.replace(file.path(), start, end, needsQuotes ? '"' + value + '"' : value));
    }
}
