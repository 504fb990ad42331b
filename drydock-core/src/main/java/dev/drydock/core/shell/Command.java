package dev.drydock.core.shell;

import dev.drydock.core.shell.CommandNode.SimpleCommand;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One simple command that a script runs, with its context: the flattened view rules work with.
 * {@link ShellScript#commands()} lists them all, including those inside subshells, command
 * substitutions, {@code if}/{@code for}/{@code while}/{@code case} bodies, function bodies and
 * nested {@code sh -c '...'} scripts.
 *
 * <p>The program is seen through wrappers that run the rest of their arguments as a command:
 * {@code sudo}, {@code doas}, {@code env}, {@code exec}, {@code command} (not {@code -v}/{@code -V}),
 * {@code builtin}, {@code nice}, {@code nohup}, {@code time}, {@code timeout}, {@code stdbuf},
 * {@code ionice}, {@code setsid}, {@code chroot}, {@code gosu}, {@code su-exec}, {@code tini},
 * {@code dumb-init}, {@code busybox}, {@code eatmydata} and {@code xargs}. So
 * {@code sudo -E /usr/bin/apt-get install -y x} has {@link #name()} {@code apt-get}, the
 * {@link #wrappers()} {@code [sudo]}, and arguments {@code install -y x}.
 */
public final class Command {

    private final SimpleCommand node;
    private final int programIndex;
    private final List<Word> wrappers;
    private final List<Assignment> assignments;
    private final String name;
    private final ShellOptions shellOptions;
    private final int pipelineIndex;
    private final int pipelineSize;
    private final boolean negated;
    private final Connector precededBy;
    private final Connector followedBy;
    private final boolean background;
    private final boolean inCondition;
    private final List<Scope> scopes;
    private final Command invokedBy;
    private final List<CommandNode> redirectedBy;
    StatementList nestedScript;
    Command pipedFrom;
    private CommandOptions defaultOptions;

    Command(SimpleCommand node, ShellOptions shellOptions, int pipelineIndex, int pipelineSize, boolean negated,
            Connector precededBy, Connector followedBy, boolean background, boolean inCondition, List<Scope> scopes,
            Command invokedBy, List<CommandNode> redirectedBy) {
        this.node = node;
        this.shellOptions = shellOptions;
        this.pipelineIndex = pipelineIndex;
        this.pipelineSize = pipelineSize;
        this.negated = negated;
        this.precededBy = precededBy;
        this.followedBy = followedBy;
        this.background = background;
        this.inCondition = inCondition;
        this.scopes = scopes;
        this.invokedBy = invokedBy;
        this.redirectedBy = redirectedBy;
        List<Word> words = node.words();
        List<Word> wrapperWords = new ArrayList<>();
        List<Assignment> allAssignments = new ArrayList<>(node.assignments());
        int p = words.isEmpty() ? -1 : 0;
        for (int guard = 0; p >= 0 && guard < 16; guard++) {
            Wrappers.Spec spec = Wrappers.SPECS.get(basename(words.get(p).value()));
            if (spec == null) {
                break;
            }
            List<Assignment> passed = new ArrayList<>();
            int q = Wrappers.unwrap(spec, words, p + 1, passed);
            if (q < 0) {
                break;
            }
            wrapperWords.add(words.get(p));
            allAssignments.addAll(passed);
            p = q;
        }
        this.programIndex = p;
        this.wrappers = List.copyOf(wrapperWords);
        this.assignments = List.copyOf(allAssignments);
        this.name = p < 0 ? "" : basename(words.get(p).value());
    }

    /** The syntax node. */
    public SimpleCommand node() {
        return node;
    }

    /**
     * The program run, by base name: {@code apt-get} for {@code /usr/bin/apt-get} or
     * {@code sudo apt-get}; "" for a command with only assignments or redirections. For a program
     * word with expansions, the base name of its {@link Word#value()} (e.g. {@code $PIP}).
     */
    public String name() {
        return name;
    }

    /** Whether {@link #name()} is one of these. */
    public boolean is(String... names) {
        for (String n : names) {
            if (name.equals(n)) {
                return true;
            }
        }
        return false;
    }

    /** The word naming the program (after wrappers), as written. */
    public Optional<Word> program() {
        return programIndex < 0 ? Optional.empty() : Optional.of(node.words().get(programIndex));
    }

    /** Every word of the command as written, wrappers included. */
    public List<Word> words() {
        return node.words();
    }

    /** The words after the program. */
    public List<Word> arguments() {
        List<Word> words = node.words();
        return programIndex < 0 ? List.of() : words.subList(programIndex + 1, words.size());
    }

    /** {@link #arguments()}' values. */
    public List<String> argumentValues() {
        return arguments().stream().map(Word::value).toList();
    }

    /** The wrapper programs seen through, outermost first ({@code sudo}, {@code env}, ...). */
    public List<Word> wrappers() {
        return wrappers;
    }

    /** Assignments for the program's environment: those before the command and those given to {@code env}/{@code sudo}. */
    public List<Assignment> assignments() {
        return assignments;
    }

    public List<Redirect> redirects() {
        return node.redirects();
    }

    /** Where the whole simple command is (heredoc bodies excluded). */
    public Span span() {
        return node.span();
    }

    // ------------------------------------------------------------------ options

    /** The arguments read as options, with {@code valueOptions} taking a value (see {@link CommandOptions}). */
    public CommandOptions options(String... valueOptions) {
        if (valueOptions.length == 0) {
            if (defaultOptions == null) {
                defaultOptions = new CommandOptions(arguments(), List.of());
            }
            return defaultOptions;
        }
        return new CommandOptions(arguments(), Arrays.asList(valueOptions));
    }

    /** Whether any of these options is given, e.g. {@code hasFlag("-y", "--yes", "--assume-yes")}; {@code -qy} contains {@code -y}. */
    public boolean hasFlag(String... names) {
        return options().has(names);
    }

    /** The word holding the first of these options, for its position. */
    public Optional<Word> flag(String... names) {
        return options().find(names);
    }

    /** The value of option {@code name}: {@code --name=v}, {@code --name v}, {@code -n v} or {@code -nv}. */
    public Optional<String> flagValue(String name) {
        return options(name).value(name);
    }

    /** The first operand (first argument that is not an option): {@code install} in {@code apt-get -y install x}. */
    public Optional<String> subcommand() {
        return options().subcommand();
    }

    /** The arguments that are not options. */
    public List<Word> operands() {
        return options().operands();
    }

    // ------------------------------------------------------------------ context

    /** The shell options in effect when the command runs. */
    public ShellOptions shellOptions() {
        return shellOptions;
    }

    /** {@code set -e} is in effect (whether it applies here: see {@link #inCondition()}). */
    public boolean errexit() {
        return shellOptions.errexit();
    }

    /** {@code set -o pipefail} is in effect. */
    public boolean pipefail() {
        return shellOptions.pipefail();
    }

    /** Position in its pipeline, from 0. */
    public int pipelineIndex() {
        return pipelineIndex;
    }

    /** Number of commands in its pipeline (1 when not piped). */
    public int pipelineSize() {
        return pipelineSize;
    }

    /** Part of a pipeline of two or more commands. */
    public boolean inPipeline() {
        return pipelineSize > 1;
    }

    /** Its pipeline is negated with {@code !}. */
    public boolean negated() {
        return negated;
    }

    /** How its pipeline is joined to the previous one in the same list. */
    public Connector precededBy() {
        return precededBy;
    }

    /** How its pipeline is joined to the next one ({@link Connector#BACKGROUND} when it ends with {@code &}). */
    public Connector followedBy() {
        return followedBy;
    }

    /** Runs in the background ({@code &}). */
    public boolean background() {
        return background;
    }

    /**
     * Its exit status is tested, so a failure doesn't stop a {@code set -e} shell: it is (inside) an
     * {@code if}/{@code elif}/{@code while}/{@code until} condition, before {@code &&} or {@code ||}, or in
     * a {@code !} pipeline.
     */
    public boolean inCondition() {
        return inCondition;
    }

    /** A failure of this command stops the shell: {@code set -e} is on and the command is not in a condition. */
    public boolean errexitApplies() {
        return shellOptions.errexit() && !inCondition;
    }

    /** The constructs around the command, outermost first. */
    public List<Scope> scopes() {
        return scopes;
    }

    public boolean in(Scope scope) {
        return scopes.contains(scope);
    }

    /**
     * The compound commands around this one that redirect what runs inside them, outermost first: the group of
     * {@code { echo a; echo b; } > /etc/app.conf}, whose commands all write that file.
     */
    public List<CommandNode> redirectedBy() {
        return redirectedBy;
    }

    /**
     * The simple command before this one in its pipeline, whose output this one reads: {@code grep} in
     * {@code grep -rl x /etc/nginx | xargs sed -i ...}; empty at the head of a pipeline or after a compound command.
     */
    public Optional<Command> pipedFrom() {
        return Optional.ofNullable(pipedFrom);
    }

    /** For a command of a nested script ({@code sh -c '...'}, {@code eval}, heredoc to {@code bash}): the command running that script. */
    public Optional<Command> invokedBy() {
        return Optional.ofNullable(invokedBy);
    }

    /** For {@code sh -c '...'}, {@code eval ...}, {@code bash <<EOF}: the script it runs, parsed. */
    public Optional<StatementList> nestedScript() {
        return Optional.ofNullable(nestedScript);
    }

    static String basename(String path) {
        return ShellOptions.basename(path);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Word w : node.words()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(w.raw());
        }
        return out.toString();
    }
}
