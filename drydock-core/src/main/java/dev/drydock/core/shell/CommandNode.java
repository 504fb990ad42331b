package dev.drydock.core.shell;

import dev.drydock.core.source.Span;
import java.util.List;

/** A command in the syntax tree: a simple command or a compound command. */
public sealed interface CommandNode {

    Span span();

    /** Redirections applying to the whole command (for a simple command: all of its own). */
    List<Redirect> redirects();

    /**
     * {@code [NAME=value]... [word]... [redirection]...}, e.g. {@code DEBIAN_FRONTEND=noninteractive
     * apt-get install -y curl >/dev/null}. The span excludes heredoc bodies.
     */
    record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects, Span span)
            implements CommandNode {
        public SimpleCommand {
            assignments = List.copyOf(assignments);
            words = List.copyOf(words);
            redirects = List.copyOf(redirects);
        }
    }

    /** {@code ( list )}. */
    record Subshell(StatementList body, List<Redirect> redirects, Span span) implements CommandNode {
        public Subshell {
            redirects = List.copyOf(redirects);
        }
    }

    /** {@code { list; }}. */
    record BraceGroup(StatementList body, List<Redirect> redirects, Span span) implements CommandNode {
        public BraceGroup {
            redirects = List.copyOf(redirects);
        }
    }

    /** {@code if c; then b; elif c2; then b2; else e; fi}: one branch per {@code if}/{@code elif}. */
    record IfClause(List<Branch> branches, StatementList elseBody, List<Redirect> redirects, Span span)
            implements CommandNode {
        public IfClause {
            branches = List.copyOf(branches);
            redirects = List.copyOf(redirects);
        }

        /** A condition and the list run when it succeeds. */
        public record Branch(StatementList condition, StatementList body) {}
    }

    /** {@code while c; do b; done} or {@code until} ({@code until} is true). */
    record WhileClause(boolean until, StatementList condition, StatementList body, List<Redirect> redirects,
            Span span) implements CommandNode {
        public WhileClause {
            redirects = List.copyOf(redirects);
        }
    }

    /**
     * {@code for NAME [in words]; do body; done}, bash's {@code for ((init; test; step))} (then
     * {@code variable} is null and {@code arithmetic} holds the header) and {@code select}.
     *
     * @param items the words after {@code in}, or null when there is no {@code in} (iterates {@code "$@"})
     */
    record ForClause(boolean select, String variable, List<Word> items, String arithmetic, StatementList body,
            List<Redirect> redirects, Span span) implements CommandNode {
        public ForClause {
            items = items == null ? null : List.copyOf(items);
            redirects = List.copyOf(redirects);
        }
    }

    /** {@code case word in pattern|pattern) list ;; ... esac}. */
    record CaseClause(Word subject, List<CaseItem> items, List<Redirect> redirects, Span span)
            implements CommandNode {
        public CaseClause {
            items = List.copyOf(items);
            redirects = List.copyOf(redirects);
        }

        /** @param terminator {@code ;;}, {@code ;&}, {@code ;;&}, or null before {@code esac} */
        public record CaseItem(List<Word> patterns, StatementList body, Operator terminator, Span span) {
            public CaseItem {
                patterns = List.copyOf(patterns);
            }
        }
    }

    /** {@code name() compound} or bash's {@code function name [()] compound}; body null when missing. */
    record FunctionDefinition(String name, CommandNode body, Span span) implements CommandNode {
        @Override
        public List<Redirect> redirects() {
            return List.of();
        }
    }

    /** bash's {@code (( expression ))}. */
    record ArithmeticCommand(String expression, List<WordPart> expansions, List<Redirect> redirects, Span span)
            implements CommandNode {
        public ArithmeticCommand {
            expansions = List.copyOf(expansions);
            redirects = List.copyOf(redirects);
        }
    }

    /** bash's {@code [[ expression ]]}: the words between the brackets (operators included). */
    record TestCommand(List<Word> words, List<Redirect> redirects, Span span) implements CommandNode {
        public TestCommand {
            words = List.copyOf(words);
            redirects = List.copyOf(redirects);
        }
    }
}
