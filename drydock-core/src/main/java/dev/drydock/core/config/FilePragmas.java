package dev.drydock.core.config;

import dev.drydock.core.dockerfile.syntax.Comment;
import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ignore comments of one file and the lines each covers. What "next" means depends on the file:
 * <ul>
 *   <li>Dockerfile: the next instruction, all its lines (continuations and heredocs included); comments
 *       and blank lines may come between. A comment inside an instruction's continuation lines covers the
 *       rest of that instruction. A {@code stage} comment covers from the next instruction to the line
 *       before the following {@code FROM};
 *   <li>YAML (compose): the next key or list item with its whole block (every following line indented
 *       deeper, and a list written at the key's own indentation); written at the end of a key's line, that
 *       key's block;
 *   <li>any other file ({@code .dockerignore}, {@code requirements.txt}, ...): the next line that is
 *       neither blank nor a comment.
 * </ul>
 * A {@code global} comment covers the whole file wherever it is.
 */
public record FilePragmas(String file, List<Covered> pragmas) {

    /** A pragma and the lines it covers (inclusive; a global one covers every line and the file itself). */
    public record Covered(Pragma pragma, int fromLine, int toLine) {
        public boolean global() {
            return pragma.scope() == Pragma.Scope.GLOBAL;
        }
    }

    public FilePragmas {
        pragmas = List.copyOf(pragmas);
    }

    /** Whether a comment covering line {@code line} (0: no line, the file as a whole) names {@code ruleIds}. */
    public boolean covers(int line, Set<String> ruleIds) {
        for (Covered c : pragmas) {
            boolean inRange = c.global() || (line > 0 && line >= c.fromLine && line <= c.toLine);
            if (inRange && c.pragma().names().stream().anyMatch(n -> !disjoint(RuleNames.resolve(n.text()), ruleIds))) {
                return true;
            }
        }
        return false;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        return a.stream().noneMatch(b::contains);
    }

    /** The ignore comments of a parsed Dockerfile. */
    public static FilePragmas ofDockerfile(Dockerfile dockerfile) {
        SourceFile file = dockerfile.file();
        if (!Pragma.mayHoldPragmas(file.text())) {
            return new FilePragmas(file.path(), List.of());
        }
        List<Instruction> instructions = dockerfile.instructions();
        List<Covered> out = new ArrayList<>();
        for (Comment comment : dockerfile.comments()) {
            Pragma pragma = Pragma.parse(file, comment.span().start(), comment.span().end());
            if (pragma == null) {
                continue;
            }
            int line = pragma.line();
            if (pragma.scope() == Pragma.Scope.GLOBAL) {
                out.add(new Covered(pragma, 1, file.lineCount()));
                continue;
            }
            Instruction around = instructions.stream()
                    .filter(i -> i.startLine() < line && i.endLine() >= line).findFirst().orElse(null);
            if (around != null) {
                out.add(new Covered(pragma, line + 1, around.endLine()));
                continue;
            }
            int next = -1;
            for (int i = 0; i < instructions.size(); i++) {
                if (instructions.get(i).startLine() > line) {
                    next = i;
                    break;
                }
            }
            if (next < 0) {
                continue;
            }
            int to = instructions.get(next).endLine();
            if (pragma.scope() == Pragma.Scope.STAGE) {
                to = file.lineCount();
                for (int i = next + 1; i < instructions.size(); i++) {
                    if (instructions.get(i).kind() == InstructionKind.FROM) {
                        to = instructions.get(i).startLine() - 1;
                        break;
                    }
                }
            }
            out.add(new Covered(pragma, instructions.get(next).startLine(), to));
        }
        return new FilePragmas(file.path(), out);
    }

    /** The ignore comments of a file read as text: YAML by its extension, any other file line by line. */
    public static FilePragmas ofText(SourceFile file) {
        if (!Pragma.mayHoldPragmas(file.text())) {
            return new FilePragmas(file.path(), List.of());
        }
        String name = file.path().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
        List<Covered> out = new ArrayList<>();
        for (int line = 1; line <= file.lineCount(); line++) {
            String text = file.line(line);
            int at = commentStart(text, yaml);
            if (at < 0) {
                continue;
            }
            Pragma pragma = Pragma.parse(file, file.lineStart(line) + at, file.lineEnd(line));
            if (pragma == null) {
                continue;
            }
            if (pragma.scope() == Pragma.Scope.GLOBAL) {
                out.add(new Covered(pragma, 1, file.lineCount()));
                continue;
            }
            boolean wholeLine = text.substring(0, at).isBlank();
            int target = wholeLine ? nextContentLine(file, line + 1) : line;
            if (target < 0) {
                continue;
            }
            out.add(new Covered(pragma, target, yaml ? yamlBlockEnd(file, target) : target));
        }
        return new FilePragmas(file.path(), out);
    }

    /** Where an ignore comment may start on a line: its first non-blank character, or (YAML) after a blank. */
    private static int commentStart(String text, boolean yaml) {
        String stripped = text.stripLeading();
        int first = text.length() - stripped.length();
        if (stripped.startsWith("#") || stripped.startsWith("//")) {
            return first;
        }
        if (!yaml) {
            return -1;
        }
        for (int i = text.indexOf('#'); i > 0; i = text.indexOf('#', i + 1)) {
            if (Character.isWhitespace(text.charAt(i - 1)) && Pragma.looksLikePragma(text.substring(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int nextContentLine(SourceFile file, int from) {
        for (int line = from; line <= file.lineCount(); line++) {
            String stripped = file.line(line).strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#") && !stripped.startsWith("//")) {
                return line;
            }
        }
        return -1;
    }

    private static int yamlBlockEnd(SourceFile file, int start) {
        String head = file.line(start);
        int indent = indent(head);
        boolean item = head.strip().startsWith("-");
        int end = start;
        for (int line = start + 1; line <= file.lineCount(); line++) {
            String text = file.line(line);
            String stripped = text.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (stripped.equals("---") || stripped.equals("...")) {
                break;
            }
            int own = indent(text);
            if (own > indent || (own == indent && !item && (stripped.equals("-") || stripped.startsWith("- ")))) {
                end = line;
            } else {
                break;
            }
        }
        return end;
    }

    private static int indent(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
