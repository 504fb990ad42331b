package dev.drydock.cli;

import dev.drydock.core.source.SourceException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code drydock} command. Subcommands stay thin: the work is in drydock-core. */
public final class Main {

    /** Exit code for problems with the user's input: a missing path, an unreadable or invalid file. */
    static final int INPUT_ERROR = 2;

    boolean debug;

    final CommandSpec spec = Specs.command(this, "drydock",
                    "Inspects and repairs container setups: Dockerfiles, compose files and what they build.")
            .addOption(Specs.flag(this::debug, "Show stack traces of errors.", "--debug")
                    .scopeType(CommandLine.ScopeType.INHERIT).build());

    private void debug(boolean on) {
        debug = on;
        if (on) {
            System.setProperty(dev.drydock.core.review.RuleFailed.DEBUG_PROPERTY, "true");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main.spec);
        addSubcommands(cli, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (main.debug) {
                e.printStackTrace(err);
            }
            if (e instanceof SourceException) {
                err.println("drydock: " + e.getMessage());
                return INPUT_ERROR;
            }
            err.println("drydock: internal error: " + e + (main.debug ? "" : " (run with --debug for details)"));
            return 70;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli hands only exceptions to the handler above; an error would end in the JVM's stack trace
            if (main.debug) {
                e.printStackTrace(err);
            }
            err.println("drydock: internal error: " + (e instanceof OutOfMemoryError ? "out of memory" : "stack overflow")
                    + " (an input far larger or deeper than drydock expects?"
                    + (main.debug ? ")" : " run with --debug for details)"));
            err.flush();
            return 70;
        }
    }

    private static final Map<String, Supplier<CommandSpec>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("review", () -> new ReviewCommand().spec);
        SUBCOMMANDS.put("fix", () -> new FixCommand().spec);
        SUBCOMMANDS.put("verify", () -> new VerifyCommand().spec);
        SUBCOMMANDS.put("parse", () -> new ParseCommand().spec);
        SUBCOMMANDS.put("rules", () -> new RulesCommand().spec);
        SUBCOMMANDS.put("lsp", () -> new LspCommand().spec);
    }

    /** Only the subcommand the arguments name, when they name one; none for the version; all for help and errors. */
    private static void addSubcommands(CommandLine cli, String[] args) {
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first)) {
            cli.addSubcommand(first, SUBCOMMANDS.get(first).get());
            return;
        }
        if (args.length == 1 && (first.equals("-V") || first.equals("--version"))) {
            return;
        }
        SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
}
