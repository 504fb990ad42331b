package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.Assignment;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.Scope;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.StatementList;
import dev.drydock.core.shell.Word;
import dev.drydock.core.shell.WordPart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a start script may run and read, from its parse: comments, quoted strings and here-document bodies run
 * nothing. Unlike {@link ScriptEnds}, which follows the ways to the script's last command, a program started
 * anywhere on the way counts here, also in a branch or loop that can't be decided ({@code if [ -n "$CRON" ]; then
 * cron; fi}), in a function the script calls, and in a nested {@code sh -c} script.
 */
public final class ScriptRuns {

    private ScriptRuns() {}

    /**
     * The commands the script may run, in execution order: all but those in a function it never calls and those after
     * an unconditional top-level {@code exec program} or {@code exit}.
     */
    public static List<Command> commands(ShellScript script) {
        Set<String> called = new HashSet<>();
        script.commands().forEach(c -> called.add(c.name()));
        List<CommandNode.FunctionDefinition> uncalled = new ArrayList<>();
        int end = Integer.MAX_VALUE;
        for (AndOrList item : script.body().items()) {
            for (Pipeline pipeline : item.pipelines()) {
                for (CommandNode node : pipeline.commands()) {
                    if (node instanceof CommandNode.FunctionDefinition f && !called.contains(f.name())) {
                        uncalled.add(f);
                    }
                }
            }
            if (end == Integer.MAX_VALUE && endsTheScript(item)) {
                end = item.span().end();
            }
        }
        int last = end;
        return script.commands().stream()
                .filter(c -> c.span().start() < last || c.invokedBy().isPresent() && c.invokedBy().get().span().start() < last)
                .filter(c -> !c.in(Scope.FUNCTION_BODY) || uncalled.stream().noneMatch(f -> within(c, f)))
                .toList();
    }

    /**
     * The first command the script may run whose program is one of these, or that makes one of them the program of its
     * arguments ({@code set -- dockerd --host=...}) for the {@code exec "$@"} it runs them with.
     */
    public static Optional<Command> first(ShellScript script, String... programs) {
        List<Command> commands = commands(script);
        boolean runsArguments = commands.stream().anyMatch(c -> c.program().filter(ScriptRuns::allArguments).isPresent());
        Set<String> names = Set.of(programs);
        return commands.stream().filter(c -> names.contains(c.name())
                || runsArguments && names.contains(setsProgram(c))).findFirst();
    }

    /** For {@code set -- program ...}: the program's base name; "" for any other command. */
    private static String setsProgram(Command command) {
        List<String> arguments = command.argumentValues();
        return command.is("set") && arguments.size() > 1 && arguments.get(0).equals("--")
                ? arguments.get(1).substring(arguments.get(1).lastIndexOf('/') + 1) : "";
    }

    /**
     * The commands of the script that may start the main process, as written: each one it execs ({@code exec gosu app
     * "$@"}, also in a branch), and each command a way through it ends with ({@link ScriptEnds}: {@code gosu app "$@"}
     * without exec, also in a function a {@code case} arm calls; only with an entry point to read them with). A command elsewhere runs one step while the script's
     * shell goes on, and one in a comment runs nothing.
     */
    public static List<Command> handOvers(ShellScript script, EntryPoint ep, ScriptFiles files) {
        Set<Command> main = new LinkedHashSet<>();
        for (Command command : commands(script)) {
            if (!command.wrappers().isEmpty() && command.wrappers().get(0).value().equals("exec")
                    || command.name().equals("exec")) {
                main.add(command);
            }
        }
        if (ep != null) {
            main.addAll(ScriptEnds.of(script, ep, files));
        }
        return List.copyOf(main);
    }

    /** Whether the command is {@code exec "$@"} (or {@code exec "${@}"}): the script's arguments run as they are. */
    public static boolean execsArguments(Command command) {
        List<Word> words = command.words();
        return words.size() == 2 && words.get(0).literal().orElse("").equals("exec") && allArguments(words.get(1));
    }

    /** {@code "$@"} or {@code "${@}"}, quoted. */
    public static boolean allArguments(Word word) {
        return word.parts().size() == 1 && word.parts().get(0) instanceof WordPart.DoubleQuoted quoted
                && quoted.parts().size() == 1 && quoted.parts().get(0) instanceof WordPart.ParamExpansion p
                && p.name().equals("@") && blank(p.operator()) && blank(p.prefix()) && p.index() == null;
    }

    private static boolean blank(String text) {
        return text == null || text.isEmpty();
    }

    /**
     * The expansions of the variable {@code name} the script makes, anywhere it may: in commands' words, assignments
     * and redirections, unquoted here-documents, case subjects, for lists and {@code [[ ]]} tests.
     */
    public static List<WordPart.ParamExpansion> expansions(ShellScript script, String name) {
        List<WordPart.ParamExpansion> out = new ArrayList<>();
        Consumer<Word> word = w -> parts(w, name, out);
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Command command : script.commands()) {
            if (seen.add(command.node())) {
                command.node().assignments().forEach(a -> assignment(a, word));
                command.words().forEach(word);
                command.redirects().forEach(r -> redirect(r, word));
            }
        }
        list(script.body(), word);
        return out;
    }

    private static void list(StatementList list, Consumer<Word> word) {
        if (list == null) {
            return;
        }
        for (AndOrList item : list.items()) {
            for (Pipeline pipeline : item.pipelines()) {
                pipeline.commands().forEach(node -> node(node, word));
            }
        }
    }

    /** The words of compound commands (simple commands are read from the script's command list). */
    private static void node(CommandNode node, Consumer<Word> word) {
        if (!(node instanceof CommandNode.SimpleCommand)) {
            node.redirects().forEach(r -> redirect(r, word));
        }
        switch (node) {
            case CommandNode.Subshell s -> list(s.body(), word);
            case CommandNode.BraceGroup g -> list(g.body(), word);
            case CommandNode.IfClause c -> {
                c.branches().forEach(b -> {
                    list(b.condition(), word);
                    list(b.body(), word);
                });
                list(c.elseBody(), word);
            }
            case CommandNode.WhileClause w -> {
                list(w.condition(), word);
                list(w.body(), word);
            }
            case CommandNode.ForClause f -> {
                f.items().forEach(word);
                list(f.body(), word);
            }
            case CommandNode.CaseClause c -> {
                word.accept(c.subject());
                c.items().forEach(i -> list(i.body(), word));
            }
            case CommandNode.FunctionDefinition f -> node(f.body(), word);
            case CommandNode.TestCommand t -> t.words().forEach(word);
            default -> { }
        }
    }

    private static void assignment(Assignment assignment, Consumer<Word> word) {
        if (assignment.value() != null) {
            word.accept(assignment.value());
        }
        if (assignment.elements() != null) {
            assignment.elements().forEach(word);
        }
    }

    private static void redirect(Redirect redirect, Consumer<Word> word) {
        if (redirect.target() != null) {
            word.accept(redirect.target());
        }
        if (redirect.hereDoc() != null && !redirect.hereDoc().quoted() && redirect.hereDoc().body() != null) {
            word.accept(redirect.hereDoc().body());
        }
    }

    private static void parts(Word word, String name, List<WordPart.ParamExpansion> out) {
        if (word != null) {
            parts(word.parts(), name, out);
        }
    }

    private static void parts(List<WordPart> parts, String name, List<WordPart.ParamExpansion> out) {
        for (WordPart part : parts) {
            switch (part) {
                case WordPart.ParamExpansion p -> {
                    if (p.name().equals(name)) {
                        out.add(p);
                    }
                    parts(p.argument(), name, out);
                }
                case WordPart.DoubleQuoted q -> parts(q.parts(), name, out);
                case WordPart.ArrayLiteral a -> a.elements().forEach(e -> parts(e, name, out));
                case WordPart.ArithmeticExpansion a -> parts(a.expansions(), name, out);
                default -> { }
            }
        }
    }

    private static boolean within(Command command, CommandNode.FunctionDefinition function) {
        return command.span().start() >= function.span().start() && command.span().end() <= function.span().end();
    }

    /** A top-level {@code exec program ...} or {@code exit} run unconditionally: nothing after it runs. */
    private static boolean endsTheScript(AndOrList item) {
        if (item.pipelines().size() != 1 || item.background() || item.pipelines().get(0).negated()
                || item.pipelines().get(0).commands().size() != 1
                || !(item.pipelines().get(0).commands().get(0) instanceof CommandNode.SimpleCommand simple)
                || simple.words().isEmpty()) {
            return false;
        }
        String first = simple.words().get(0).literal().orElse("");
        return first.equals("exit") || first.equals("exec") && simple.words().size() > 1
                && !simple.words().get(1).value().startsWith("-");
    }
}
