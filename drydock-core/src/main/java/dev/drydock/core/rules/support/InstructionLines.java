package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.source.SourceFile;

/**
 * An instruction's place in the Dockerfile's lines, for fixes that move, copy or insert whole
 * instructions: the comment lines directly above it belong to it.
 */
public final class InstructionLines {

    private InstructionLines() {}

    /** The first line of the instruction with the comment lines directly above it (no blank line between). */
    public static int firstLineWithComments(Instruction instruction) {
        SourceFile file = instruction.file();
        int line = instruction.startLine();
        while (line > 1 && file.line(line - 1).strip().startsWith("#")) {
            line--;
        }
        return line;
    }

    /** Whether the line above the instruction's comments is blank (or the instruction starts the file). */
    public static boolean blankBefore(Instruction instruction) {
        int first = firstLineWithComments(instruction);
        return first == 1 || instruction.file().line(first - 1).isBlank();
    }

    /**
     * The instruction's text with what separates it from the previous instruction: from the end of
     * line {@code previousEndLine} (its line break included) to the end of the instruction's last line
     * (its line break excluded), so blank lines and comments above it come along.
     */
    public static String chunk(Instruction instruction, int previousEndLine) {
        SourceFile file = instruction.file();
        return file.text().substring(file.lineEnd(previousEndLine), file.lineEnd(instruction.endLine()));
    }

    /** The lines of the instruction alone, without comments above. */
    public static String text(Instruction instruction) {
        SourceFile file = instruction.file();
        return file.text().substring(file.lineStart(instruction.startLine()), file.lineEnd(instruction.endLine()));
    }
}
