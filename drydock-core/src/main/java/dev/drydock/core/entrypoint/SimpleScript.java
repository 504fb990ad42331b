package dev.drydock.core.entrypoint;

import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.Assignment;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.CommandNode.SimpleCommand;
import dev.drydock.core.shell.Expansion;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import dev.drydock.core.shell.WordEvaluator;
import dev.drydock.core.shell.WordPart;
import dev.drydock.core.shell.Operator;
import dev.drydock.core.shell.StatementList;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code sh -c} script read as the simple commands it runs at top level, in order, their words
 * evaluated ({@link WordEvaluator}) against the environment and positional parameters as
 * assignments, {@code export} and {@code unset} change them.
 *
 * <p>An {@code if} or {@code case} whose condition the environment and positional parameters decide ({@code [ "$1" =
 * web ]}, see {@link ScriptConditions}) is followed into its branch, a {@code { }} group into its body, a call of a
 * function the script defines into the function's body (with the call's arguments as {@code $1}...; nested calls at
 * most 8 deep), a matching {@code case} arm on through the next arm's body after {@code ;&} and to the next arm that
 * matches after {@code ;;&}; an unconditional {@code exec program} or {@code exit} ends the script. A final {@code if} or
 * {@code case} that can't be decided gives one {@linkplain #branches() branch} per way through it; one before the end is
 * read through as setup when each way through it either goes on having run only setup or exits with a failure
 * ({@code if [ -z "$DATABASE_URL" ]; then echo missing; exit 1; fi}, a migration run unless switched off): the script
 * then goes on with the commands of the ways that go on ({@link ScriptSetup}). {@code . FILE} of a
 * project file that only assigns variables sets them; any other sourced file sets variables drydock can't name, as
 * {@code export $(...)} does (a virtualenv's {@code bin/activate} excepted).
 *
 * <p>Other control flow (loops, subshells, {@code !}, an {@code if} or {@code case} before the end that can't be decided nor
 * read through: one that may exec or run another program, or {@code cd}),
 * here-documents, a program name that needs a command substitution or arithmetic, and a syntax error make the
 * script {@linkplain #unsupported() unsupported}. In an argument one is kept as written, quoted
 * ({@code sh -c "KEY=$(gen-key) serve"}) or not ({@code gunicorn -w $(nproc) app:app}, taken as one word).
 * Control flow is passed over when the script ends with an {@code exec} command, which is where the shell hands
 * over. An assignment ({@code KEY=$(gen-key)}, {@code export KEY=$(gen-key)}) whose value needs one sets the
 * variable to a value that can't be known: the commands' environment holds it as written, and an expansion of it is
 * kept as written (listed in {@code unresolved}). {@code export $(cat .env | xargs)} sets variables drydock can't
 * name: from there on a variable the script and the image leave unset may hold anything, so an expansion of it
 * ({@code ${PORT:-8000}} too) is kept as written.
 *
 * @param commands the top-level simple commands on the way through the script; empty when unsupported or branched
 * @param branches the ways through a final {@code if} or {@code case} that can't be decided; empty otherwise
 * @param unsupported why the script can't be read ({@code 'if'}, {@code command substitution}); null when it can
 * @param skipped the control flow passed over before the final {@code exec}; null when none
 * @param unresolved expansions that had no value or one drydock can't know, as written
 *
 * <p>An unquoted word made only of variables that have no value gives no word, as in the shell, except after an
 * option ({@code --port $PORT}), where it is kept as written: the option's value is unknown, not absent.
 */
record SimpleScript(List<ScriptCommand> commands, List<ScriptBranch> branches, String unsupported, String skipped,
        List<String> unresolved) {

    SimpleScript {
        commands = List.copyOf(commands);
        branches = List.copyOf(branches);
        unresolved = List.copyOf(unresolved);
    }

    /**
     * Reads a script; {@code positional} holds {@code $0}, {@code $1}, ... (the words after the
     * script in {@code sh -c script $0 $1 ...}).
     */
    static SimpleScript read(String script, Map<String, String> environment, List<String> positional) {
        return read(script, environment, positional, "/", ScriptFiles.NONE);
    }

    /**
     * Reads a script that starts in {@code workdir}; a file it sources ({@code . ./.env}) is read as a dotenv file when
     * {@code files} has the project's copy of it.
     */
    static SimpleScript read(String script, Map<String, String> environment, List<String> positional, String workdir,
            ScriptFiles files) {
        return read(ShellScript.parse(script), environment, positional, workdir, files);
    }

    /** {@link #read(String, Map, List, String, ScriptFiles)} of a script already parsed (a project file's, once). */
    static SimpleScript read(ShellScript script, Map<String, String> environment, List<String> positional, String workdir,
            ScriptFiles files) {
        return new Reader(environment, positional, workdir, files, false).read(script);
    }

    /**
     * The commands a script may end with, one per way through it, in script order: the last command of each way, where
     * the shell waits for it unless it is exec'd. Ways are walked as {@link #read} walks them (functions, an {@code if}
     * or {@code case} the environment decides, case fall-through), except that any variable neither the environment
     * nor the script sets may hold anything, the positional parameters are not known, and what can't be read is passed
     * over rather than failing the whole script: a command whose words can't be evaluated is kept as written, and a
     * way whose last step is control flow drydock does not follow (a loop, a subshell, an {@code if} before the end)
     * has no final command. A way's last command counts only when it runs alone in the foreground (not in a pipeline,
     * not with {@code &}).
     */
    static List<Command> finalCommands(ShellScript script, Map<String, String> environment, String workdir,
            ScriptFiles files) {
        Reader reader = new Reader(environment, null, workdir, files, true);
        reader.start.unnamedExports = true;
        List<Way> ways;
        try {
            ways = reader.ways(script);
        } catch (Unreadable e) {
            return List.of();
        }
        Set<Command> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Command> out = new ArrayList<>();
        for (Way w : ways) {
            Command last = w.openEnd || w.commands.isEmpty() ? null : w.commands.get(w.commands.size() - 1).command();
            if (last != null && last.pipelineSize() == 1 && !last.background() && seen.add(last)) {
                out.add(last);
            }
        }
        out.sort(java.util.Comparator.comparingInt(c -> c.span().start()));
        return out;
    }

    boolean supported() {
        return unsupported == null;
    }

    /** Why the reader stops: the script can't be read. */
    private static final class Unreadable extends Exception {
        Unreadable(String why) {
            super(why, null, false, false);
        }
    }

    private static final class Reader {

        /** Builtins whose {@code NAME=value} arguments set variables. */
        private static final Set<String> DECLARATIONS = Set.of("export", "readonly", "declare", "typeset", "local", "unset");
        /** Ways through a script read at most; beyond, it is not read. */
        private static final int MAX_WAYS = 16;
        /** Nested function calls followed at most. */
        private static final int MAX_DEPTH = 8;

        private final List<String> unresolved = new ArrayList<>();
        private final Map<String, CommandNode> functions = new LinkedHashMap<>();
        private final Map<SimpleCommand, Command> commandsByNode = new IdentityHashMap<>();
        private final ScriptFiles files;
        /** Reading for {@link #finalCommands}: what can't be read is passed over instead of failing the script. */
        private final boolean lenient;
        private final Way start;
        private String source = "";
        private boolean endsWithExec;
        private String skipped;
        /** The way being read: what {@link #add} and the evaluator work on. */
        private Way way;

        Reader(Map<String, String> environment, List<String> positional, String workdir, ScriptFiles files,
                boolean lenient) {
            this.files = files == null ? ScriptFiles.NONE : files;
            this.lenient = lenient;
            this.start = new Way(new LinkedHashMap<>(environment), positional == null ? null : new ArrayList<>(positional),
                    workdir == null ? "/" : workdir);
        }

        private static boolean isVariable(String name) {
            return !name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_');
        }

        /** The evaluator of the way being read. */
        private WordEvaluator evaluator() {
            Way w = way;
            return new WordEvaluator(w.env::get,
                    name -> w.unknown.contains(name) || w.unnamedExports && isVariable(name) && !w.env.containsKey(name),
                    w.positional);
        }

        SimpleScript read(ShellScript script) {
            if (script.hasProblems()) {
                return unsupported("a syntax error (" + script.problems().get(0).message() + ")");
            }
            List<Way> ways;
            try {
                ways = ways(script);
            } catch (Unreadable e) {
                return unsupported(e.getMessage());
            }
            if (ways.size() == 1) {
                return new SimpleScript(ways.get(0).commands, List.of(), null, skipped, unresolved);
            }
            List<ScriptBranch> branches = ways.stream().map(w -> new ScriptBranch(String.join(" and ", w.conditions),
                    w.development, w.commands)).toList();
            return new SimpleScript(List.of(), branches, null, skipped, unresolved);
        }

        /** The ways through the script, each with the commands it runs. */
        List<Way> ways(ShellScript script) throws Unreadable {
            List<AndOrList> items = script.body().items();
            source = script.text().file().text();
            script.commands().forEach(c -> commandsByNode.putIfAbsent(c.node(), c));
            endsWithExec = !items.isEmpty() && endsWithExec(items.get(items.size() - 1));
            return walk(script.body(), List.of(start), true, 0);
        }

        private SimpleScript unsupported(String why) {
            return new SimpleScript(List.of(), List.of(), why, null, unresolved);
        }

        /**
         * Runs a list in each way still going; returns the ways after it. {@code atEnd}: nothing of the script runs
         * after this list, so an {@code if} or {@code case} that ends it and can't be decided gives one way per branch.
         */
        private List<Way> walk(StatementList list, List<Way> ways, boolean atEnd, int depth) throws Unreadable {
            List<AndOrList> items = list == null ? List.of() : list.items();
            for (int i = 0; i < items.size(); i++) {
                boolean last = atEnd && i == items.size() - 1;
                List<Way> next = new ArrayList<>();
                for (Way w : ways) {
                    if (w.ended || w.returned) {
                        next.add(w);
                    } else {
                        next.addAll(item(items.get(i), w, last, depth));
                    }
                }
                if (next.size() > MAX_WAYS) {
                    throw new Unreadable("more than " + MAX_WAYS + " ways through it");
                }
                ways = next;
            }
            return ways;
        }

        private List<Way> item(AndOrList list, Way w, boolean last, int depth) throws Unreadable {
            way = w;
            boolean simple = list.pipelines().stream().allMatch(p -> !p.negated()
                    && p.commands().stream().allMatch(c -> c instanceof SimpleCommand));
            boolean alone = list.pipelines().size() == 1 && list.pipelines().get(0).commands().size() == 1
                    && !list.background();
            if (simple) {
                if (alone) {
                    SimpleCommand node = (SimpleCommand) list.pipelines().get(0).commands().get(0);
                    CommandNode function = node.words().isEmpty() ? null
                            : functions.get(node.words().get(0).literal().orElse(""));
                    if (function != null) {
                        return call(function, node, w, last, depth);
                    }
                }
                for (Pipeline pipeline : list.pipelines()) {
                    for (CommandNode node : pipeline.commands()) {
                        Command command = commandsByNode.get((SimpleCommand) node);
                        String problem = command == null ? "a command drydock could not place" : add(command);
                        if (problem != null && !lenient) {
                            throw new Unreadable(problem);
                        } else if (problem != null) {
                            addAsWritten(command, w);
                        }
                    }
                }
                if (alone) {
                    endsTheWay(w);
                }
                return List.of(w);
            }
            CommandNode compound = alone && !list.pipelines().get(0).negated() ? list.pipelines().get(0).commands().get(0) : null;
            switch (compound) {
                case CommandNode.FunctionDefinition definition when definition.body() != null -> {
                    functions.put(definition.name(), definition.body());
                    return List.of(w);
                }
                case CommandNode.BraceGroup group when group.redirects().isEmpty() -> {
                    return walk(group.body(), List.of(w), last, depth);
                }
                case CommandNode.IfClause clause when clause.redirects().isEmpty() -> {
                    return ifClause(clause, w, last, depth);
                }
                case CommandNode.CaseClause clause when clause.redirects().isEmpty() -> {
                    return caseClause(clause, w, last, depth);
                }
                case null, default -> {
                    return passOver(list.pipelines().stream().map(Reader::controlFlow).flatMap(Optional::stream)
                            .findFirst().orElse("control flow"), w);
                }
            }
        }

        /** Control flow drydock does not follow: passed over when the script ends with an exec, else unreadable. */
        private List<Way> passOver(String what, Way w) throws Unreadable {
            if (lenient) {
                w.openEnd = true;
                return List.of(w);
            }
            if (!endsWithExec) {
                throw new Unreadable(what);
            }
            skipped = skipped == null ? what : skipped;
            return List.of(w);
        }

        /** Something that can't be read even where control flow is passed over: the script is unreadable unless lenient. */
        private List<Way> passOver(String what, Way w, boolean always) throws Unreadable {
            if (always && !lenient) {
                throw new Unreadable(what);
            }
            return passOver(what, w);
        }

        /** The ways through an {@code if} or {@code case}, read from the way before it. */
        private interface Forks {
            List<Way> read() throws Unreadable;
        }

        /**
         * An {@code if} or {@code case} before the end that can't be decided: read through as setup when every way
         * through it either goes on or stops the script with a failure ({@link #wayOnSuccess}), else passed over.
         */
        private List<Way> throughOrPassOver(String what, Way w, Forks forks) throws Unreadable {
            String skippedBefore = skipped;
            int unresolvedBefore = unresolved.size();
            Way through;
            try {
                through = wayOnSuccess(w, forks.read());
            } catch (Unreadable e) {
                through = null;
            }
            if (through != null) {
                return List.of(through);
            }
            skipped = skippedBefore;
            unresolved.subList(unresolvedBefore, unresolved.size()).clear();
            return passOver(what, w);
        }

        /**
         * The one way the script goes on after a block, when each way through the block either fails ({@code exit 1},
         * {@code exit $status}) or ends normally having run only setup; null when a way may be where the container's
         * program runs instead: an {@code exec}, a successful {@code exit}, a {@code return}, control flow drydock does
         * not follow, or a command that may run for good ({@link ScriptSetup#mayRunForGood}). A way that may change
         * what the commands after the block mean (a {@code cd}, a sourced file, {@code PATH}, the positional
         * parameters) keeps the block unread too. The way on holds every command the ways that go on run (setup a
         * condition may skip); a variable they leave differently holds a value drydock can't know.
         */
        private Way wayOnSuccess(Way before, List<Way> ways) {
            List<Way> goOn = new ArrayList<>();
            for (Way w : ways) {
                if (w.ended && ScriptSetup.failingExit(w.commands.get(w.commands.size() - 1).words())) {
                    continue;
                }
                if (w.ended || w.returned || w.openEnd || !Objects.equals(w.cwd, before.cwd)
                        || !Objects.equals(w.positional, before.positional) || w.unnamedExports != before.unnamedExports
                        || !Objects.equals(w.env.get("PATH"), before.env.get("PATH"))
                        || !ScriptSetup.onlySetup(w.commands.subList(before.commands.size(), w.commands.size()))) {
                    return null;
                }
                goOn.add(w);
            }
            if (goOn.isEmpty()) {
                return null;
            }
            Way on = before.fork();
            Set<Command> added = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Way w : goOn) {
                for (ScriptCommand command : w.commands.subList(before.commands.size(), w.commands.size())) {
                    if (added.add(command.command())) {
                        on.commands.add(command);
                    }
                }
            }
            Set<String> names = new java.util.LinkedHashSet<>();
            goOn.forEach(w -> names.addAll(w.env.keySet()));
            on.env.keySet().retainAll(names); // unset on every way on
            on.unknown.retainAll(names);
            for (String name : names) {
                Way first = goOn.stream().filter(w -> w.env.containsKey(name)).findFirst().orElseThrow();
                boolean same = goOn.stream().allMatch(w -> Objects.equals(w.env.get(name), first.env.get(name))
                        && w.unknown.contains(name) == first.unknown.contains(name));
                on.env.put(name, first.env.get(name));
                if (!same || first.unknown.contains(name)) {
                    on.unknown.add(name);
                } else {
                    on.unknown.remove(name);
                }
            }
            on.openEnd = on.commands.size() == before.commands.size() && before.openEnd;
            return on;
        }

        /** A command kept with its words as written: one whose words can't be evaluated, read leniently. */
        private void addAsWritten(Command command, Way w) {
            if (command == null) {
                w.openEnd = true;
                return;
            }
            w.commands.add(new ScriptCommand(command.words().stream().map(Word::value).toList(), w.env,
                    command.pipelineIndex() == 0, command.followedBy(), command));
            w.openEnd = false;
        }

        /** A function defined earlier in the script, run with the call's arguments as its positional parameters. */
        private List<Way> call(CommandNode body, SimpleCommand node, Way w, boolean last, int depth) throws Unreadable {
            if (depth >= MAX_DEPTH) {
                return passOver("functions calling each other more than " + MAX_DEPTH + " deep", w, true);
            }
            List<String> arguments = new ArrayList<>();
            arguments.add(w.positional == null || w.positional.isEmpty() ? "sh" : w.positional.get(0));
            for (Word word : node.words().subList(1, node.words().size())) {
                Expansion fields = record(evaluator().fieldsKeepingSubstitutions(word));
                if (!fields.isKnown() && !lenient) {
                    throw new Unreadable(describe(fields.unknownPart()));
                }
                arguments.addAll(fields.isKnown() ? fields.fields() : List.of(word.value()));
            }
            List<String> saved = w.positional;
            w.positional = arguments;
            StatementList statements = switch (body) {
                case CommandNode.BraceGroup group -> group.body();
                case CommandNode.Subshell subshell -> {
                    w.positional = saved;
                    yield null;
                }
                default -> new StatementList(List.of(new AndOrList(List.of(new Pipeline(false, List.of(body), List.of(),
                        body.span())), List.of(), null, body.span())), body.span());
            };
            if (statements == null) {
                return passOver("a function run in a subshell", w, true);
            }
            List<Way> after = walk(statements, List.of(w), last, depth + 1);
            for (Way a : after) {
                a.positional = saved;
                a.returned = false;
            }
            return after;
        }

        private List<Way> ifClause(CommandNode.IfClause clause, Way w, boolean last, int depth) throws Unreadable {
            List<String> earlier = new ArrayList<>();
            for (int i = 0; i < clause.branches().size(); i++) {
                CommandNode.IfClause.Branch branch = clause.branches().get(i);
                way = w;
                Boolean holds = ScriptConditions.decide(branch.condition(), evaluator());
                if (Boolean.TRUE.equals(holds)) {
                    return walk(branch.body(), List.of(w), last, depth);
                }
                if (holds == null) {
                    int from = i;
                    return last ? forkIf(clause, from, earlier, w, true, depth)
                            : throughOrPassOver("'if'", w, () -> forkIf(clause, from, earlier, w, false, depth));
                }
                earlier.add(text(branch.condition()));
            }
            return walk(clause.elseBody(), List.of(w), last, depth);
        }

        /** One way per branch from the first condition that can't be decided, and one for none of them (the else). */
        private List<Way> forkIf(CommandNode.IfClause clause, int from, List<String> decidedFalse, Way w, boolean atEnd,
                int depth) throws Unreadable {
            List<Way> out = new ArrayList<>();
            List<String> before = new ArrayList<>();
            for (CommandNode.IfClause.Branch branch : clause.branches().subList(from, clause.branches().size())) {
                String condition = text(branch.condition());
                Way fork = w.fork();
                before.forEach(b -> fork.conditions.add("`" + b + "` fails"));
                fork.conditions.add("`" + condition + "` succeeds");
                fork.development |= ScriptConditions.development(condition);
                out.addAll(walk(branch.body(), List.of(fork), atEnd, depth));
                before.add(condition);
            }
            Way otherwise = w.fork();
            before.forEach(b -> otherwise.conditions.add("`" + b + "` fails"));
            out.addAll(walk(clause.elseBody(), List.of(otherwise), atEnd, depth));
            return out;
        }

        private List<Way> caseClause(CommandNode.CaseClause clause, Way w, boolean last, int depth) throws Unreadable {
            WordEvaluator evaluator = evaluator();
            Expansion subject = evaluator.value(clause.subject());
            if (subject.isExact()) {
                int at = matchingArm(clause, 0, subject.text(), evaluator);
                if (at == NO_ARM) {
                    return List.of(w); // no pattern matches: the case runs nothing
                }
                if (at != UNDECIDED) {
                    return decidedArms(clause, at, subject.text(), evaluator, w, last, depth);
                }
            }
            return last ? forkArms(clause, 0, w, true, depth)
                    : throughOrPassOver("'case'", w, () -> forkArms(clause, 0, w, false, depth));
        }

        private static final int NO_ARM = -1;
        private static final int UNDECIDED = -2;

        /** The first arm from {@code from} on whose patterns match the subject, {@link #NO_ARM}, or {@link #UNDECIDED}. */
        private static int matchingArm(CommandNode.CaseClause clause, int from, String subject, WordEvaluator evaluator) {
            List<CommandNode.CaseClause.CaseItem> items = clause.items();
            for (int i = from; i < items.size(); i++) {
                for (Word pattern : items.get(i).patterns()) {
                    Expansion value = evaluator.value(pattern);
                    if (!value.isExact()) {
                        return UNDECIDED;
                    }
                    if (ScriptConditions.matches(value.text(), subject)) {
                        return i;
                    }
                }
            }
            return NO_ARM;
        }

        /** Whether the arm's terminator runs another arm after it: {@code ;&} the next body, {@code ;;&} a later match. */
        private static boolean goesOn(CommandNode.CaseClause clause, int arm) {
            Operator terminator = clause.items().get(arm).terminator();
            return arm + 1 < clause.items().size()
                    && (terminator == Operator.CASE_FALLTHROUGH || terminator == Operator.CASE_CONTINUE);
        }

        /** The arm that matches, then those its terminators run: the next body after {@code ;&}, the next match after {@code ;;&}. */
        private List<Way> decidedArms(CommandNode.CaseClause clause, int at, String subject, WordEvaluator evaluator,
                Way w, boolean last, int depth) throws Unreadable {
            List<Way> ways = List.of(w);
            while (true) {
                ways = walk(clause.items().get(at).body(), ways, last && !goesOn(clause, at), depth);
                if (!goesOn(clause, at)) {
                    return ways;
                }
                if (clause.items().get(at).terminator() == Operator.CASE_FALLTHROUGH) {
                    at++;
                    continue;
                }
                int next = matchingArm(clause, at + 1, subject, evaluator);
                if (next == NO_ARM) {
                    return ways;
                }
                if (next == UNDECIDED) {
                    List<Way> out = new ArrayList<>();
                    for (Way way : ways) {
                        out.addAll(way.ended || way.returned ? List.of(way) : last ? forkArms(clause, at + 1, way, true, depth)
                                : passOver("'case'", way));
                    }
                    return out;
                }
                at = next;
            }
        }

        /**
         * One way per arm from {@code from} on, each going on through the arms its terminator runs, and one for no
         * match when no arm is {@code *}.
         */
        private List<Way> forkArms(CommandNode.CaseClause clause, int from, Way w, boolean atEnd, int depth)
                throws Unreadable {
            List<Way> out = new ArrayList<>();
            boolean catchAll = false;
            List<CommandNode.CaseClause.CaseItem> items = clause.items();
            for (int i = from; i < items.size(); i++) {
                List<String> patterns = items.get(i).patterns().stream().map(Word::toString).toList();
                catchAll |= patterns.contains("*");
                Way fork = w.fork();
                fork.conditions.add("`" + clause.subject() + "` is " + (patterns.contains("*") ? "anything else"
                        : "`" + String.join("|", patterns) + "`"));
                fork.development |= ScriptConditions.developmentPatterns(patterns);
                out.addAll(armAndAfter(clause, i, fork, atEnd, depth));
            }
            if (!catchAll) {
                Way none = w.fork();
                none.conditions.add("`" + clause.subject() + "` matches no " + (from == 0 ? "" : "later ") + "pattern");
                out.add(none);
            }
            return out;
        }

        /** An arm of a case that can't be decided, then the arms its terminators run. */
        private List<Way> armAndAfter(CommandNode.CaseClause clause, int arm, Way w, boolean atEnd, int depth)
                throws Unreadable {
            List<Way> ways = walk(clause.items().get(arm).body(), List.of(w), atEnd && !goesOn(clause, arm), depth);
            while (goesOn(clause, arm) && clause.items().get(arm).terminator() == Operator.CASE_FALLTHROUGH) {
                arm++;
                ways = walk(clause.items().get(arm).body(), ways, atEnd && !goesOn(clause, arm), depth);
            }
            if (!goesOn(clause, arm)) {
                return ways;
            }
            List<Way> out = new ArrayList<>();
            for (Way way : ways) {
                out.addAll(way.ended || way.returned ? List.of(way) : forkArms(clause, arm + 1, way, atEnd, depth));
            }
            return out;
        }

        /** An unconditional {@code exec program} or {@code exit} ends the way; {@code return} ends the function. */
        private static void endsTheWay(Way w) {
            if (w.commands.isEmpty()) {
                return;
            }
            List<String> words = w.commands.get(w.commands.size() - 1).words();
            String first = words.isEmpty() ? "" : words.get(0);
            if (first.equals("exec") && words.size() > 1 && !words.get(1).startsWith("-") || first.equals("exit")) {
                w.ended = true;
            } else if (first.equals("return")) {
                w.returned = true;
            }
        }

        private String text(StatementList list) {
            return list == null || list.items().isEmpty() ? "" : list.items().stream()
                    .map(a -> source.substring(a.span().start(), a.span().end()).strip())
                    .reduce((a, b) -> a + "; " + b).orElse("");
        }

        /** Evaluates a top-level command and applies what it changes; returns why it can't be read, or null. */
        private String add(Command command) {
            WordEvaluator evaluator = evaluator();
            Map<String, String> own = new LinkedHashMap<>();
            Set<String> ownUnknown = new HashSet<>();
            for (Assignment assignment : command.node().assignments()) {
                Expansion value = evaluate(assignment.value(), false);
                own.put(assignment.name(), value.isKnown() ? value.text() : assignment.value().value());
                if (!value.isKnown()) {
                    ownUnknown.add(assignment.name());
                }
            }
            boolean declares = command.words().size() > 1 && DECLARATIONS.contains(command.words().get(0).literal().orElse(""));
            List<String> words = new ArrayList<>();
            for (Word word : command.words()) {
                if (declares && word.asAssignment().isPresent()
                        && !evaluator.fieldsKeepingQuotedSubstitutions(word).isKnown()) {
                    words.add(word.value()); // export KEY=$(gen-key): the variable is set, to a value drydock can't know
                    continue;
                }
                Expansion fields = words.isEmpty() ? evaluate(word, true) : record(evaluator.fieldsKeepingSubstitutions(word));
                if (!fields.isKnown()) {
                    return describe(fields.unknownPart());
                } else if (fields.fields().isEmpty() && !fields.unresolved().isEmpty() && followsOption(words)) {
                    words.add(word.value()); // --port $PORT: a value drydock does not know, not a missing one
                } else {
                    words.addAll(fields.fields());
                }
            }
            for (Redirect redirect : command.redirects()) {
                if (redirect.operator().isInlineInput()) {
                    return redirect.operator().isHereDoc() ? "a here-document" : "a here-string";
                }
                Expansion target = evaluate(redirect.target(), false);
                if (!target.isKnown()) {
                    return describe(target.unknownPart());
                }
            }
            Map<String, String> environment = new LinkedHashMap<>(way.env);
            environment.putAll(own);
            way.commands.add(new ScriptCommand(words, environment, command.pipelineIndex() == 0, command.followedBy(), command));
            way.openEnd = false;
            if (command.words().isEmpty()) {
                own.keySet().forEach(name -> set(name, own.get(name), ownUnknown.contains(name))); // "A=1" alone sets a variable for what follows
            } else if (declares) {
                declare(command.words());
            } else if (!words.isEmpty()) {
                builtin(words);
            }
            return null;
        }

        /**
         * Whether the last word is an option that may take the next word as its value: an unquoted word that is only
         * variables nothing sets then stands for that value, kept as written, rather than vanishing as an empty
         * variable would (it is likely set where the container runs).
         */
        private static boolean followsOption(List<String> words) {
            String last = words.isEmpty() ? "" : words.get(words.size() - 1);
            return last.length() > 1 && last.startsWith("-") && !last.equals("--") && last.indexOf('=') < 0;
        }

        /** {@code export}, {@code readonly}, {@code unset} and the like: the variables they set or unset. */
        private void declare(List<Word> words) {
            WordEvaluator evaluator = evaluator();
            boolean unset = words.get(0).literal().orElse("").equals("unset");
            for (Word word : words.subList(1, words.size())) {
                Optional<Assignment> assignment = word.asAssignment();
                if (unset) {
                    String name = evaluator.value(word).text();
                    way.env.remove(name);
                    way.unknown.remove(name);
                } else if (assignment.isPresent()) {
                    Expansion value = evaluator.value(assignment.get().value());
                    set(assignment.get().name(), value.isKnown() ? value.text() : assignment.get().value().value(), !value.isKnown());
                } else {
                    Expansion argument = evaluator.value(word); // export "A=1"
                    int eq = argument.text().indexOf('=');
                    if (!argument.isKnown()) {
                        way.unnamedExports = true; // export $(cat .env | xargs)
                    } else if (eq > 0) {
                        set(argument.text().substring(0, eq), argument.text().substring(eq + 1), false);
                    }
                }
            }
        }

        /** Sets a variable for the commands that follow; one whose value can't be known holds its value as written. */
        private void set(String name, String value, boolean valueUnknown) {
            way.env.put(name, value);
            if (valueUnknown) {
                way.unknown.add(name);
            } else {
                way.unknown.remove(name);
            }
        }

        private Expansion evaluate(Word word, boolean split) {
            WordEvaluator evaluator = evaluator();
            return record(split ? evaluator.fields(word) : evaluator.value(word));
        }

        private Expansion record(Expansion expansion) {
            unresolved.addAll(expansion.unresolved());
            return expansion;
        }

        /** What {@code cd}, {@code shift} and sourcing a file change for the commands that follow. */
        private void builtin(List<String> words) {
            switch (words.get(0)) {
                case "cd" -> way.cwd = dev.drydock.core.discovery.PathNames.normalizeAbsolute(way.cwd,
                        words.size() > 1 ? words.get(1) : "~");
                case "shift" -> {
                    int n = words.size() > 1 && words.get(1).matches("\\d{1,3}") ? Integer.parseInt(words.get(1)) : 1;
                    List<String> p = way.positional;
                    if (p != null && p.size() > n) { // shifting more than $# fails and changes nothing
                        List<String> shifted = new ArrayList<>(p.subList(0, 1));
                        shifted.addAll(p.subList(1 + n, p.size()));
                        way.positional = shifted;
                    }
                }
                case "source", "." -> {
                    if (words.size() > 1) {
                        source(words.get(1));
                    }
                }
                default -> { }
            }
        }

        /**
         * {@code . FILE}: a dotenv-like file of the project (only {@code NAME=value} lines) sets its variables; any
         * other file, or one drydock can't read, may set variables it can't name, as {@code export $(cat .env)} does.
         * A virtualenv's {@code bin/activate} sets only its own.
         */
        private void source(String path) {
            if (path.endsWith("/bin/activate")) {
                return;
            }
            String absolute = dev.drydock.core.discovery.PathNames.normalizeAbsolute(way.cwd, path);
            Optional<SourceFile> file = path.contains("$") ? Optional.empty() : files.find(absolute);
            Map<String, String> values = file.flatMap(SourcedEnvFile::values).orElse(null);
            if (values == null) {
                way.unnamedExports = true;
                return;
            }
            values.forEach((name, value) -> set(name, value, value.contains("$(") || value.contains("`")));
        }

        /** The last list is one plain {@code exec program ...}: the shell is replaced there. */
        private static boolean endsWithExec(AndOrList last) {
            Pipeline pipeline = last.pipelines().get(0);
            return last.pipelines().size() == 1 && !last.background() && !pipeline.negated()
                    && pipeline.commands().size() == 1 && pipeline.commands().get(0) instanceof SimpleCommand simple
                    && simple.words().size() > 1 && simple.words().get(0).literal().orElse("").equals("exec");
        }

        private static Optional<String> controlFlow(Pipeline pipeline) {
            if (pipeline.negated()) {
                return Optional.of("'!'");
            }
            return pipeline.commands().stream().map(Reader::controlFlow).flatMap(Optional::stream).findFirst();
        }

        private static Optional<String> controlFlow(CommandNode node) {
            return Optional.ofNullable(switch (node) {
                case SimpleCommand simple -> null;
                case CommandNode.IfClause clause -> "'if'";
                case CommandNode.WhileClause loop -> loop.until() ? "'until'" : "'while'";
                case CommandNode.ForClause loop -> loop.select() ? "'select'" : "'for'";
                case CommandNode.CaseClause clause -> "'case'";
                case CommandNode.BraceGroup group -> "a { ... } group";
                case CommandNode.Subshell subshell -> "a subshell";
                case CommandNode.FunctionDefinition function -> "a function definition";
                case CommandNode.ArithmeticCommand arithmetic -> "'(( ))'";
                case CommandNode.TestCommand test -> "'[['";
            });
        }

        private static String describe(WordPart unknown) {
            return switch (unknown) {
                case WordPart.CommandSubstitution substitution -> "command substitution";
                case WordPart.ArithmeticExpansion arithmetic -> "arithmetic expansion";
                case WordPart.ProcessSubstitution substitution -> "process substitution";
                case WordPart.ArrayLiteral array -> "an array";
                default -> "an expansion drydock does not evaluate";
            };
        }
    }

    /** One way through the script: the commands it runs and the state they leave. */
    private static final class Way {
        final Map<String, String> env;
        /** Variables set to a value that can't be known ({@code KEY=$(gen-key)}); {@link #env} holds it as written. */
        final Set<String> unknown;
        /** An {@code export $(...)} or a sourced file ran: any variable not set by then may have been set to anything. */
        boolean unnamedExports;
        List<String> positional;
        String cwd;
        final List<ScriptCommand> commands;
        /** What must hold for the script to go this way, in words; empty on the only way. */
        final List<String> conditions;
        boolean development;
        /** An exec or exit ran: nothing after it runs. */
        boolean ended;
        /** A return ran: nothing after it in the function runs. */
        boolean returned;
        /** The way's last step is control flow that was passed over: its final command is not known. */
        boolean openEnd;

        Way(Map<String, String> env, List<String> positional, String cwd) {
            this(env, new HashSet<>(), positional, cwd, new ArrayList<>(), new ArrayList<>());
        }

        private Way(Map<String, String> env, Set<String> unknown, List<String> positional, String cwd,
                List<ScriptCommand> commands, List<String> conditions) {
            this.env = env;
            this.unknown = unknown;
            this.positional = positional;
            this.cwd = cwd;
            this.commands = commands;
            this.conditions = conditions;
        }

        Way fork() {
            Way copy = new Way(new LinkedHashMap<>(env), new HashSet<>(unknown),
                    positional == null ? null : new ArrayList<>(positional), cwd, new ArrayList<>(commands),
                    new ArrayList<>(conditions));
            copy.unnamedExports = unnamedExports;
            copy.development = development;
            copy.openEnd = openEnd;
            return copy;
        }
    }
}
