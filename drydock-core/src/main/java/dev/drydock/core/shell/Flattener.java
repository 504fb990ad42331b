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
import dev.drydock.core.source.MappedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Walks a parsed script in execution order, tracking {@code set -e}/{@code set -o pipefail}, and lists
 * every simple command with its context. Parses the scripts of {@code sh -c}, {@code eval} and
 * heredocs fed to a shell on the way.
 */
final class Flattener {

    /** Program names read as POSIX-like shells for {@code -c} and stdin scripts. */
    static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "yash", "posh");

    private static final int MAX_NESTED_SCRIPTS = 4;
    private static final int MAX_WALK_DEPTH = 400;

    private record Frame(List<Scope> scopes, boolean condition, Command invokedBy, List<CommandNode> redirecting) {
        Frame(List<Scope> scopes, boolean condition, Command invokedBy) {
            this(scopes, condition, invokedBy, List.of());
        }

        Frame with(Scope scope) {
            List<Scope> more = new ArrayList<>(scopes.size() + 1);
            more.addAll(scopes);
            more.add(scope);
            return new Frame(List.copyOf(more), condition, invokedBy, redirecting);
        }

        Frame condition(boolean on) {
            return on == condition ? this : new Frame(scopes, on, invokedBy, redirecting);
        }

        /** Inside a compound command with redirections of its own ({@code { ...; } > file}). */
        Frame redirectedBy(CommandNode compound) {
            List<CommandNode> more = new ArrayList<>(redirecting);
            more.add(compound);
            return new Frame(scopes, condition, invokedBy, List.copyOf(more));
        }
    }

    private record Place(int index, int size, boolean negated, Connector before, Connector after, boolean background) {
        static final Place ALONE = new Place(0, 1, false, Connector.NONE, Connector.NONE, false);
    }

    private final ParseContext ctx;
    private final List<Command> commands = new ArrayList<>();
    private final Map<SimpleCommand, Command> bySimpleNode = new java.util.IdentityHashMap<>();
    private final List<List<Word>> conditionals = new ArrayList<>();
    private int nestedScripts;
    private int depth;

    Flattener(ParseContext ctx) {
        this.ctx = ctx;
    }

    List<Command> commands() {
        return commands;
    }

    /** The words of each {@code [[ ]]} the script runs, in execution order. */
    List<List<Word>> conditionals() {
        return conditionals;
    }

    ShellOptions walk(StatementList script, ShellOptions initial) {
        return list(script, initial, new Frame(List.of(), false, null));
    }

    private ShellOptions list(StatementList list, ShellOptions state, Frame frame) {
        if (++depth > MAX_WALK_DEPTH) {
            depth--;
            return state;
        }
        List<AndOrList> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            AndOrList item = items.get(i);
            Connector before = i == 0 ? Connector.NONE
                    : items.get(i - 1).background() ? Connector.BACKGROUND : Connector.SEQUENCE;
            Connector after = item.background() ? Connector.BACKGROUND
                    : i < items.size() - 1 ? Connector.SEQUENCE : Connector.NONE;
            state = andOr(item, state, frame, before, after);
        }
        depth--;
        return state;
    }

    private ShellOptions andOr(AndOrList item, ShellOptions state, Frame frame, Connector before, Connector after) {
        ShellOptions start = state;
        List<Pipeline> pipelines = item.pipelines();
        int n = pipelines.size();
        for (int j = 0; j < n; j++) {
            Pipeline p = pipelines.get(j);
            Connector b = j == 0 ? before : connector(item.operators().get(j - 1));
            Connector a = j == n - 1 ? after : connector(item.operators().get(j));
            boolean condition = frame.condition || j < n - 1 || p.negated();
            state = pipeline(p, state, frame.condition(condition), b, a, item.background());
        }
        return item.background() ? start : state;
    }

    private static Connector connector(Operator op) {
        return op == Operator.AND ? Connector.AND : Connector.OR;
    }

    private ShellOptions pipeline(Pipeline p, ShellOptions state, Frame frame, Connector before, Connector after,
            boolean background) {
        int n = p.commands().size();
        ShellOptions result = state;
        for (int k = 0; k < n; k++) {
            Place place = new Place(k, n, p.negated(), before, after, background);
            ShellOptions r = command(p.commands().get(k), state, frame, place);
            if (n == 1) {
                result = r;
            }
            if (k > 0 && p.commands().get(k) instanceof SimpleCommand reader
                    && p.commands().get(k - 1) instanceof SimpleCommand writer && bySimpleNode.containsKey(reader)) {
                bySimpleNode.get(reader).pipedFrom = bySimpleNode.get(writer);
            }
        }
        // each command of a multi-command pipeline runs in a subshell (bash without lastpipe)
        return result;
    }

    private ShellOptions command(CommandNode node, ShellOptions state, Frame frame, Place place) {
        if (node == null) {
            return state;
        }
        redirects(node.redirects(), state, frame);
        if (!(node instanceof SimpleCommand) && !node.redirects().isEmpty()) {
            frame = frame.redirectedBy(node);
        }
        return switch (node) {
            case SimpleCommand simple -> simple(simple, state, frame, place);
            case Subshell subshell -> {
                list(subshell.body(), state, frame.with(Scope.SUBSHELL));
                yield state;
            }
            case BraceGroup group -> list(group.body(), state, frame.with(Scope.BRACE_GROUP));
            case IfClause clause -> {
                for (IfClause.Branch branch : clause.branches()) {
                    state = list(branch.condition(), state, frame.with(Scope.IF_CONDITION).condition(true));
                    state = list(branch.body(), state, frame.with(Scope.IF_BRANCH));
                }
                if (clause.elseBody() != null) {
                    state = list(clause.elseBody(), state, frame.with(Scope.IF_BRANCH));
                }
                yield state;
            }
            case WhileClause loop -> {
                state = list(loop.condition(), state, frame.with(Scope.LOOP_CONDITION).condition(true));
                yield list(loop.body(), state, frame.with(Scope.LOOP_BODY));
            }
            case ForClause loop -> {
                if (loop.items() != null) {
                    for (Word w : loop.items()) {
                        word(w, state, frame);
                    }
                }
                yield list(loop.body(), state, frame.with(Scope.LOOP_BODY));
            }
            case CaseClause clause -> {
                if (clause.subject() != null) {
                    word(clause.subject(), state, frame);
                }
                for (CaseClause.CaseItem item : clause.items()) {
                    for (Word w : item.patterns()) {
                        word(w, state, frame);
                    }
                    state = list(item.body(), state, frame.with(Scope.CASE_BRANCH));
                }
                yield state;
            }
            case FunctionDefinition function -> {
                command(function.body(), state, frame.with(Scope.FUNCTION_BODY).condition(false), Place.ALONE);
                yield state;
            }
            case ArithmeticCommand arithmetic -> {
                for (WordPart part : arithmetic.expansions()) {
                    part(part, state, frame);
                }
                yield state;
            }
            case TestCommand test -> {
                conditionals.add(test.words());
                for (Word w : test.words()) {
                    word(w, state, frame);
                }
                yield state;
            }
        };
    }

    private ShellOptions simple(SimpleCommand node, ShellOptions state, Frame frame, Place place) {
        for (Assignment a : node.assignments()) {
            word(a.value(), state, frame);
        }
        for (Word w : node.words()) {
            word(w, state, frame);
        }
        Command command = new Command(node, state, place.index, place.size, place.negated, place.before, place.after,
                place.background, frame.condition, frame.scopes, frame.invokedBy, frame.redirecting);
        commands.add(command);
        bySimpleNode.put(node, command);
        ShellOptions after = state;
        if (command.wrappers().isEmpty() && command.name().equals("set") && !node.words().isEmpty()
                && node.words().get(0).isLiteral()) {
            after = applySet(state, command.arguments());
        }
        return nested(command, after, frame);
    }

    /** {@code set -e}, {@code set -euxo pipefail}, {@code set +o errexit}, ... */
    static ShellOptions applySet(ShellOptions state, List<Word> args) {
        for (int i = 0; i < args.size(); i++) {
            Optional<String> literal = args.get(i).literal();
            if (literal.isEmpty()) {
                continue;
            }
            String a = literal.get();
            if (a.equals("--") || a.equals("-")) {
                break;
            }
            if (a.length() < 2 || (a.charAt(0) != '-' && a.charAt(0) != '+')) {
                break;
            }
            boolean on = a.charAt(0) == '-';
            int consumed = 0;
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (c == 'o') {
                    int at = i + 1 + consumed;
                    consumed++;
                    if (at < args.size()) {
                        Optional<String> name = args.get(at).literal();
                        if (name.isPresent()) {
                            state = state.withNamed(name.get(), on);
                        }
                    }
                } else {
                    state = state.withLetter(c, on);
                }
            }
            i += consumed;
        }
        return state;
    }

    /** Scripts run by this command: {@code sh -c '...'}, {@code su -c '...'}, {@code eval ...}, {@code bash <<EOF}. */
    private ShellOptions nested(Command command, ShellOptions state, Frame frame) {
        if (nestedScripts >= MAX_NESTED_SCRIPTS) {
            return state;
        }
        String name = command.name();
        List<Word> args = command.arguments();
        if (SHELLS.contains(name)) {
            List<String> values = new ArrayList<>(args.size());
            for (Word w : args) {
                values.add(w.literal().orElse(null));
            }
            ShellInvocation invocation = ShellInvocation.parse(values);
            Word script = null;
            if (invocation.commandString()) {
                if (invocation.operandIndex() >= 0) {
                    script = args.get(invocation.operandIndex());
                }
            } else if (invocation.operandIndex() < 0 || invocation.readsStdin()) {
                script = standardInput(command);
            }
            runNested(command, script, invocation.options(), frame);
            return state;
        }
        if (name.equals("su") || name.equals("runuser")) {
            CommandOptions options = command.options("-c", "--command", "--session-command", "-s", "--shell", "-g",
                    "--group", "-G", "--supp-group", "-w", "--whitelist-environment", "-u", "--user");
            Optional<Word> script = Stream.of("-c", "--command", "--session-command")
                    .map(options::valueWord)
                    .flatMap(Optional::stream)
                    .filter(w -> !w.value().startsWith("-"))
                    .findFirst();
            script.ifPresent(w -> runNested(command, w, ShellOptions.DEFAULT, frame));
            return state;
        }
        if (name.equals("eval") && command.wrappers().isEmpty() && !args.isEmpty()) {
            MappedText joined = join(args);
            if (joined == null) {
                return state;
            }
            StatementList body = new ShellParser(ctx, joined, 0, joined.length()).parseScript();
            command.nestedScript = body;
            nestedScripts++;
            ShellOptions result = list(body, state, new Frame(frame.with(Scope.EVAL).scopes, frame.condition, command,
                    frame.redirecting));
            nestedScripts--;
            return result;
        }
        return state;
    }

    private void runNested(Command command, Word script, ShellOptions options, Frame frame) {
        if (script == null || script.hasCommandSubstitution()) {
            return;
        }
        MappedText text = Texts.sub(script.text, script.value(), script.valueIndex, script.value().length());
        StatementList body = new ShellParser(ctx, text, 0, text.length()).parseScript();
        command.nestedScript = body;
        nestedScripts++;
        list(body, options, new Frame(frame.with(Scope.NESTED_SHELL).scopes, false, command, frame.redirecting));
        nestedScripts--;
    }

    /** The heredoc body or here-string word fed to the command's standard input, if any. */
    private static Word standardInput(Command command) {
        Word input = null;
        for (Redirect r : command.redirects()) {
            if (!r.effectiveFd().equals("0")) {
                continue;
            }
            if (r.operator().isHereDoc() && r.hereDoc() != null) {
                input = r.hereDoc().body();
            } else if (r.operator() == RedirectOperator.HERESTRING) {
                input = r.target();
            } else {
                input = null;
            }
        }
        return input;
    }

    /** The arguments of {@code eval} joined by spaces, mapped to the file; null if one has a command substitution. */
    private static MappedText join(List<Word> args) {
        MappedText text = args.get(0).text;
        StringBuilder chars = new StringBuilder();
        int[] index = new int[16];
        int count = 0;
        for (Word w : args) {
            if (w.hasCommandSubstitution() || w.text != text) {
                return null;
            }
            String v = w.value();
            int needed = count + v.length() + 1;
            if (needed > index.length) {
                index = java.util.Arrays.copyOf(index, Math.max(needed, index.length * 2));
            }
            if (count > 0) {
                index[count] = index[count - 1];
                count++;
                chars.append(' ');
            }
            for (int i = 0; i < v.length(); i++) {
                index[count++] = w.valueIndex[i];
                chars.append(v.charAt(i));
            }
        }
        return Texts.sub(text, chars, index, count);
    }

    private void redirects(List<Redirect> redirects, ShellOptions state, Frame frame) {
        for (Redirect r : redirects) {
            if (r.target() != null) {
                word(r.target(), state, frame);
            }
            if (r.hereDoc() != null && r.hereDoc().body() != null) {
                word(r.hereDoc().body(), state, frame);
            }
        }
    }

    private void word(Word word, ShellOptions state, Frame frame) {
        if (word == null || !word.hasExpansion()) {
            return;
        }
        for (WordPart part : word.parts()) {
            part(part, state, frame);
        }
    }

    private void part(WordPart part, ShellOptions state, Frame frame) {
        switch (part) {
            case WordPart.DoubleQuoted quoted -> {
                for (WordPart inner : quoted.parts()) {
                    part(inner, state, frame);
                }
            }
            case WordPart.ParamExpansion param -> word(param.argument(), state, frame);
            case WordPart.CommandSubstitution substitution ->
                    list(substitution.body(), state, frame.with(Scope.COMMAND_SUBSTITUTION));
            case WordPart.ProcessSubstitution substitution ->
                    list(substitution.body(), state, frame.with(Scope.PROCESS_SUBSTITUTION));
            case WordPart.ArithmeticExpansion arithmetic -> {
                for (WordPart inner : arithmetic.expansions()) {
                    part(inner, state, frame);
                }
            }
            case WordPart.ArrayLiteral array -> {
                for (Word element : array.elements()) {
                    word(element, state, frame);
                }
            }
            default -> {
            }
        }
    }
}
