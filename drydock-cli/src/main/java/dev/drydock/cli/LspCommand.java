package dev.drydock.cli;

import dev.drydock.lsp.LanguageServerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drydock lsp}: the review for editors, as a language server on standard input and output. */
final class LspCommand implements Callable<Integer> {

    Boolean shellcheck;

    final CommandSpec spec = Specs.exitCodes(Specs.command(this, "lsp",
                    "Serve the review to an editor over the Language Server Protocol, on standard input and output:",
                    "the findings of the project a document belongs to as diagnostics, refreshed when a document is",
                    "opened, edited, saved or closed, and their fixes as quick fixes."),
            "0:the editor said exit or closed the connection")
            .addOption(Specs.negatable(v -> shellcheck = v, "Pass the RUN scripts to shellcheck when it is on PATH"
                    + " (the default), or not (--no-shellcheck).", "--shellcheck").build());

    private final Invocation invocation;

    LspCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws InterruptedException {
        invocation.requireOwnProcess();
        LanguageServerMain.run(System.in, System.out, Version.number(), shellcheck == null || shellcheck);
        return 0;
    }
}
