package dev.drydock.cli;

import dev.drydock.core.source.SourceException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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
        return run(args, out, err, Invocation.process());
    }

    /** One run of the command for {@code invocation}: its folder, terminal and environment. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Invocation invocation) {
        if (invocation.served() && java.util.Arrays.asList(args).contains("--debug")) {
            return Invocation.NOT_SERVED; // --debug sets a property of the whole JVM
        }
        Main main = new Main();
        CommandLine cli = new CommandLine(main.spec);
        addSubcommands(cli, args, invocation);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof Invocation.NotServed) {
                return Invocation.NOT_SERVED;
            }
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

    private static final Map<String, Function<Invocation, CommandSpec>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("review", invocation -> new ReviewCommand(invocation).spec);
        SUBCOMMANDS.put("fix", invocation -> new FixCommand(invocation).spec);
        SUBCOMMANDS.put("verify", invocation -> new VerifyCommand(invocation).spec);
        SUBCOMMANDS.put("parse", invocation -> new ParseCommand(invocation).spec);
        SUBCOMMANDS.put("rules", invocation -> new RulesCommand().spec);
        SUBCOMMANDS.put("lsp", invocation -> new LspCommand(invocation).spec);
        SUBCOMMANDS.put("daemon", invocation -> new DaemonCommand(invocation).spec);
    }

    /** Only the subcommand the arguments name, when they name one; none for the version; all for help and errors. */
    static void addSubcommands(CommandLine cli, String[] args, Invocation invocation) {
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first)) {
            cli.addSubcommand(first, SUBCOMMANDS.get(first).apply(invocation));
            return;
        }
        if (args.length == 1 && (first.equals("-V") || first.equals("--version"))) {
            return;
        }
        SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.apply(invocation)));
    }
}
