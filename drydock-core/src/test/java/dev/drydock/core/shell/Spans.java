package dev.drydock.core.shell;

import dev.drydock.core.shell.CommandNode.ArithmeticCommand;
import dev.drydock.core.shell.CommandNode.BraceGroup;
import dev.drydock.core.shell.CommandNode.CaseClause;
import dev.drydock.core.shell.CommandNode.ForClause;
import dev.drydock.core.shell.CommandNode.FunctionDefinition;
import dev.drydock.core.shell.CommandNode.IfClause;
import dev.drydock.core.shell.CommandNode.SimpleCommand;
import dev.drydock.core.shell.CommandNode.Subshell;
import dev.drydock.core.shell.CommandNode.TestCommand;
import dev.drydock.core.shell.CommandNode.WhileClause;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/** Every span of a parsed script: nodes, words, word parts, redirections, problems and commands. */
final class Spans {

    private Spans() {}

    static List<Span> all(ShellScript script) {
        List<Span> out = new ArrayList<>();
        list(script.body(), out);
        for (ShellProblem p : script.problems()) {
            out.add(p.span());
        }
        for (Command c : script.commands()) {
            out.add(c.span());
            c.words().forEach(w -> word(w, out));
            c.assignments().forEach(a -> out.add(a.span()));
            c.nestedScript().ifPresent(n -> list(n, out));
        }
        return out;
    }

    private static void list(StatementList list, List<Span> out) {
        out.add(list.span());
        for (AndOrList item : list.items()) {
            out.add(item.span());
            for (Pipeline p : item.pipelines()) {
                out.add(p.span());
                p.commands().forEach(c -> command(c, out));
            }
        }
    }

    private static void command(CommandNode node, List<Span> out) {
        if (node == null) {
            return;
        }
        out.add(node.span());
        for (Redirect r : node.redirects()) {
            out.add(r.span());
            word(r.target(), out);
            if (r.hereDoc() != null) {
                out.add(r.hereDoc().bodySpan());
                word(r.hereDoc().body(), out);
            }
        }
        switch (node) {
            case SimpleCommand s -> {
                s.assignments().forEach(a -> {
                    out.add(a.span());
                    word(a.value(), out);
                });
                s.words().forEach(w -> word(w, out));
            }
            case Subshell s -> list(s.body(), out);
            case BraceGroup g -> list(g.body(), out);
            case IfClause c -> {
                c.branches().forEach(b -> {
                    list(b.condition(), out);
                    list(b.body(), out);
                });
                if (c.elseBody() != null) {
                    list(c.elseBody(), out);
                }
            }
            case WhileClause w -> {
                list(w.condition(), out);
                list(w.body(), out);
            }
            case ForClause f -> {
                if (f.items() != null) {
                    f.items().forEach(w -> word(w, out));
                }
                list(f.body(), out);
            }
            case CaseClause c -> {
                word(c.subject(), out);
                c.items().forEach(i -> {
                    out.add(i.span());
                    i.patterns().forEach(w -> word(w, out));
                    list(i.body(), out);
                });
            }
            case FunctionDefinition f -> command(f.body(), out);
            case ArithmeticCommand a -> a.expansions().forEach(p -> part(p, out));
            case TestCommand t -> t.words().forEach(w -> word(w, out));
        }
    }

    private static void word(Word word, List<Span> out) {
        if (word == null) {
            return;
        }
        out.add(word.span());
        word.parts().forEach(p -> part(p, out));
    }

    private static void part(WordPart part, List<Span> out) {
        out.add(part.span());
        switch (part) {
            case WordPart.DoubleQuoted d -> d.parts().forEach(p -> part(p, out));
            case WordPart.ParamExpansion p -> word(p.argument(), out);
            case WordPart.CommandSubstitution c -> list(c.body(), out);
            case WordPart.ProcessSubstitution p -> list(p.body(), out);
            case WordPart.ArithmeticExpansion a -> a.expansions().forEach(p -> part(p, out));
            case WordPart.ArrayLiteral a -> a.elements().forEach(w -> word(w, out));
            default -> {
            }
        }
    }
}
