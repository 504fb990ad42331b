package dev.drydock.cli;

import dev.drydock.core.source.SourceException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code drydock} command. Subcommands stay thin: the work is in drydock-core. */
@Command(
        name = "drydock",
        versionProvider = Version.class,
        description = "Inspects and repairs container setups: Dockerfiles, compose files and what they build.")
public final class Main extends HelpOptions {

    /** Exit code for problems with the user's input: a missing path, an unreadable or invalid file. */
    static final int INPUT_ERROR = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
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
        return cli.execute(args);
    }

    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("review", ReviewCommand::new);
        SUBCOMMANDS.put("fix", FixCommand::new);
        SUBCOMMANDS.put("verify", VerifyCommand::new);
        SUBCOMMANDS.put("parse", ParseCommand::new);
        SUBCOMMANDS.put("rules", RulesCommand::new);
    }

    /**
     * Only the subcommand the arguments name, when they name one: picocli reads each command's annotations
     * through reflection, and the annotation proxies it makes cannot go into the start-up cache, so every
     * command it need not read is time saved on each run. The version needs none; help and errors get all.
     */
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
