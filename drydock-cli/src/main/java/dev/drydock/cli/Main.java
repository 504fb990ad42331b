package dev.drydock.cli;

import dev.drydock.core.source.SourceException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code drydock} command. Subcommands stay thin: the work is in drydock-core. */
@Command(
        name = "drydock",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Inspects and repairs container setups: Dockerfiles, compose files and what they build.",
        subcommands = {ReviewCommand.class, FixCommand.class, VerifyCommand.class, ParseCommand.class, RulesCommand.class})
public final class Main {

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
}
