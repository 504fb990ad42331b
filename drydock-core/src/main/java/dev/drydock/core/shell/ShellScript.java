package dev.drydock.core.shell;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A parsed POSIX shell script (with the bash extensions common in Dockerfiles): the text of a
 * shell-form {@code RUN}, {@code CMD}, {@code ENTRYPOINT} or {@code HEALTHCHECK CMD}, or a heredoc
 * script. Every node and word carries its span in the file the {@link MappedText} maps to.
 *
 * <p>Parsing never throws: syntax errors are recovered from and listed in {@link #problems()}. Only
 * POSIX-like shells are read; for a {@code SHELL} that is PowerShell or cmd (see
 * {@link ShellOptions#isNonPosixShell}) the text must not be given to this class.
 *
 * <pre>{@code
 * ShellScript script = ShellScript.parse(runText, ShellOptions.ofShellCommand(shell));
 * for (Command c : script.commands("apt-get")) {
 *     if (c.subcommand().orElse("").equals("install") && !c.hasFlag("--no-install-recommends")) {
 *         report(c.span());
 *     }
 * }
 * }</pre>
 */
public final class ShellScript {

    private final MappedText text;
    private final StatementList body;
    private final List<ShellProblem> problems;
    private final List<Command> commands;
    private final List<List<Word>> conditionals;
    private final ShellOptions finalOptions;

    private ShellScript(MappedText text, StatementList body, List<ShellProblem> problems, List<Command> commands,
            List<List<Word>> conditionals, ShellOptions finalOptions) {
        this.text = text;
        this.body = body;
        this.problems = problems;
        this.commands = commands;
        this.conditionals = conditionals;
        this.finalOptions = finalOptions;
    }

    /**
     * Parses a script that comes from no file (a command string, an environment variable's value):
     * spans refer to a file named {@code <command>} holding just this text.
     */
    public static ShellScript parse(String script) {
        return parse(MappedText.of(SourceFile.of("<command>", script), 0, script.length()));
    }

    /** Parses a script run by a plain {@code /bin/sh -c} (no option set). */
    public static ShellScript parse(MappedText text) {
        return parse(text, ShellOptions.DEFAULT);
    }

    /**
     * Parses a script whose shell starts with {@code initial} options (from the Dockerfile's
     * {@code SHELL}: {@link ShellOptions#ofShellCommand}).
     */
    public static ShellScript parse(MappedText text, ShellOptions initial) {
        ShellOptions start = initial == null ? ShellOptions.DEFAULT : initial;
        ParseContext ctx = new ParseContext(text.file());
        try {
            StatementList body = new ShellParser(ctx, text, 0, text.length()).parseScript();
            Flattener flattener = new Flattener(ctx);
            ShellOptions end = flattener.walk(body, start);
            List<ShellProblem> problems = new ArrayList<>(ctx.problems);
            problems.sort(Comparator.comparingInt((ShellProblem p) -> p.span().start())
                    .thenComparingInt(p -> p.span().end()));
            return new ShellScript(text, body, List.copyOf(problems), List.copyOf(flattener.commands()),
                    List.copyOf(flattener.conditionals()), end);
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of this parser, not of the script: keep the review going without this script
            Span all = Texts.span(text, 0, text.length());
            return new ShellScript(text, new StatementList(List.of(), Texts.span(text, 0, 0)),
                    List.of(new ShellProblem("could not analyse this shell script (" + e.getClass().getSimpleName() + ")",
                            all)),
                    List.of(), List.of(), start);
        }
    }

    public MappedText text() {
        return text;
    }

    /** The syntax tree. */
    public StatementList body() {
        return body;
    }

    /** Syntax problems, in file order; empty for a well-formed script. */
    public List<ShellProblem> problems() {
        return problems;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The problems as diagnostics of the given level. */
    public List<Diagnostic> diagnostics(Diagnostic.Level level) {
        return problems.stream().map(p -> p.toDiagnostic(text.file(), level)).toList();
    }

    /**
     * Every simple command the script runs, in execution order (a command substitution's commands
     * before the command using it; a nested script's commands right after the command running it).
     */
    public List<Command> commands() {
        return commands;
    }

    /** The commands whose {@link Command#name()} is one of these. */
    public List<Command> commands(String... names) {
        return commands.stream().filter(c -> c.is(names)).toList();
    }

    /**
     * The files whose existence the script tests, in {@code [ -f F ]}, {@code test -e F} or bash's {@code [[ -s F ]]}
     * (the operands of {@code -e}, {@code -f} and {@code -s}, as written when they hold no expansion).
     */
    public List<String> testedFiles() {
        List<String> files = new ArrayList<>();
        for (Command command : commands("[", "test")) {
            addTested(command.argumentValues(), files);
        }
        for (List<Word> words : conditionals) {
            addTested(words.stream().map(w -> w.isLiteral() ? w.value() : "").toList(), files);
        }
        return files;
    }

    private static void addTested(List<String> words, List<String> files) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (List.of("-e", "-f", "-s").contains(words.get(i)) && !words.get(i + 1).isEmpty()) {
                files.add(words.get(i + 1));
            }
        }
    }

    /** The shell options in effect at the end of the script (top level). */
    public ShellOptions finalOptions() {
        return finalOptions;
    }

    @Override
    public String toString() {
        return text.text();
    }
}
