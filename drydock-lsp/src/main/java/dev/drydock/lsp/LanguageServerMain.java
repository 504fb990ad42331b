package dev.drydock.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the language server on a pair of streams (standard input and output for an editor). */
public final class LanguageServerMain {

    private LanguageServerMain() {}

    /** Serves until the client says exit or closes the input; nothing else may write to {@code out}. */
    public static void run(InputStream in, OutputStream out, String version, boolean shellcheck)
            throws InterruptedException {
        DrydockLanguageServer server = new DrydockLanguageServer(version, shellcheck);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        while (!server.exited().isDone()) {
            try {
                listening.get(200, TimeUnit.MILLISECONDS);
                return; // the input was closed: the editor has gone
            } catch (TimeoutException e) {
                // still serving: look again whether the client said exit
            } catch (ExecutionException e) {
                return; // the connection ended with an error
            }
        }
    }
}
