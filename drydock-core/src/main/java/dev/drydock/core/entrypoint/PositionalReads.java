package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.StatementList;
import dev.drydock.core.shell.Word;
import dev.drydock.core.shell.WordPart;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a parsed script reads its positional parameters anywhere: an expansion of {@code $@}, {@code $*},
 * {@code $#} or {@code $1}... ({@code "${@}"}, {@code ${1:-web}}, {@code ${#}}), {@code shift}, {@code getopts}, a
 * {@code for} or {@code select} without {@code in} (over {@code "$@"}), or sourcing another file (which shares them).
 * Comments are not read. Text that names one without expanding it ({@code '$1'}, {@code \$1}) counts too: a later
 * {@code eval}, {@code trap} or nested shell may expand it.
 */
final class PositionalReads {

    private PositionalReads() {}

    private static final Set<String> ARGUMENT_COMMANDS = Set.of("shift", "getopts", "source", ".");
    private static final Pattern WRITTEN = Pattern.compile("\\$[@*#1-9]|\\$\\{[@*1-9]|\\$\\{#}");

    static boolean in(StatementList list) {
        if (list == null) {
            return false;
        }
        for (AndOrList item : list.items()) {
            for (Pipeline pipeline : item.pipelines()) {
                if (pipeline.commands().stream().anyMatch(PositionalReads::in)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean in(CommandNode node) {
        if (node == null) {
            return false;
        }
        boolean own = switch (node) {
            case CommandNode.SimpleCommand simple -> !simple.words().isEmpty()
                    && ARGUMENT_COMMANDS.contains(simple.words().get(0).literal().orElse(""))
                    || words(simple.words()) || simple.assignments().stream()
                            .anyMatch(a -> in(a.value()) || words(a.elements()));
            case CommandNode.Subshell subshell -> in(subshell.body());
            case CommandNode.BraceGroup group -> in(group.body());
            case CommandNode.IfClause clause -> clause.branches().stream()
                    .anyMatch(b -> in(b.condition()) || in(b.body())) || in(clause.elseBody());
            case CommandNode.WhileClause loop -> in(loop.condition()) || in(loop.body());
            case CommandNode.ForClause loop -> loop.items() == null && loop.variable() != null || words(loop.items())
                    || loop.arithmetic() != null && WRITTEN.matcher(loop.arithmetic()).find() || in(loop.body());
            case CommandNode.CaseClause clause -> in(clause.subject()) || clause.items().stream()
                    .anyMatch(i -> words(i.patterns()) || in(i.body()));
            case CommandNode.FunctionDefinition function -> in(function.body());
            case CommandNode.ArithmeticCommand arithmetic -> parts(arithmetic.expansions());
            case CommandNode.TestCommand test -> words(test.words());
        };
        return own || node.redirects().stream().anyMatch(PositionalReads::in);
    }

    private static boolean in(Redirect redirect) {
        return in(redirect.target()) || redirect.hereDoc() != null && in(redirect.hereDoc().body());
    }

    private static boolean words(List<Word> words) {
        return words != null && words.stream().anyMatch(PositionalReads::in);
    }

    private static boolean in(Word word) {
        return word != null && parts(word.parts());
    }

    private static boolean parts(List<WordPart> parts) {
        return parts.stream().anyMatch(PositionalReads::in);
    }

    private static boolean in(WordPart part) {
        return switch (part) {
            case WordPart.Literal literal -> WRITTEN.matcher(literal.value()).find();
            case WordPart.SingleQuoted quoted -> WRITTEN.matcher(quoted.value()).find();
            case WordPart.AnsiCQuoted quoted -> WRITTEN.matcher(quoted.value()).find();
            case WordPart.DoubleQuoted quoted -> parts(quoted.parts());
            case WordPart.ParamExpansion parameter -> positional(parameter.name()) || in(parameter.argument());
            case WordPart.CommandSubstitution substitution -> in(substitution.body());
            case WordPart.ArithmeticExpansion arithmetic -> parts(arithmetic.expansions());
            case WordPart.ProcessSubstitution substitution -> in(substitution.body());
            case WordPart.ArrayLiteral array -> words(array.elements());
        };
    }

    /** {@code @}, {@code *}, {@code #} or a parameter number other than {@code 0}. */
    private static boolean positional(String name) {
        return name.equals("@") || name.equals("*") || name.equals("#")
                || !name.isEmpty() && name.chars().allMatch(Character::isDigit) && !name.equals("0");
    }
}
