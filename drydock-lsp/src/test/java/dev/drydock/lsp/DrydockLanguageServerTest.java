package dev.drydock.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over the real protocol (JSON-RPC on piped streams), driven as an editor drives it. */
class DrydockLanguageServerTest {

    @TempDir
    Path workspace;

    private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    private final BlockingQueue<MessageParams> logged = new LinkedBlockingQueue<>();
    private LanguageServer server;
    private CompletableFuture<Void> serving;

    private final LanguageClient client = new LanguageClient() {
        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
        }

        @Override
        public void showMessage(MessageParams message) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
            logged.add(message);
        }
    };

    @BeforeEach
    void start() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        serving = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                LanguageServerMain.run(serverIn, serverOut, "test", false);
                serving.complete(null);
            } catch (InterruptedException | RuntimeException e) {
                serving.completeExceptionally(e);
            }
        }, "language-server");
        thread.setDaemon(true);
        thread.start();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
        launcher.startListening();
        server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "shop")));
        InitializeResult result = server.initialize(init).get(30, TimeUnit.SECONDS);
        assertThat(result.getServerInfo().getName()).isEqualTo("drydock");
        assertThat(result.getCapabilities().getCodeActionProvider().getRight().getCodeActionKinds()).contains("quickfix");
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        serving.get(30, TimeUnit.SECONDS);
    }

    private String uri(String file) {
        return workspace.resolve(file).toUri().toString();
    }

    private PublishDiagnosticsParams next(String file) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = published.poll(60, TimeUnit.SECONDS);
            assertThat(p).as("diagnostics for " + file).isNotNull();
            if (p.getUri().equals(uri(file))) {
                return p;
            }
        }
    }

    private void open(String file) throws IOException {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri(file), "dockerfile", 1, Files.readString(workspace.resolve(file)))));
    }

    @Test
    void publishesTheFindingsOfTheProjectAtTheirLinesAndClearsThemWhenFixed() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), """
                FROM python:3.12.7-slim
                WORKDIR /app
                COPY app.py .
                USER 10001
                CMD ["python", "app.py"]
                """);
        Files.writeString(workspace.resolve("app.py"), "print('export done')\n");
        Files.writeString(workspace.resolve(".dockerignore"), ".git\n");
        open("Dockerfile");
        List<Diagnostic> diagnostics = next("Dockerfile").getDiagnostics();
        Diagnostic buffered = diagnostics.stream().filter(d -> d.getCode().getLeft().equals("python-unbuffered"))
                .findFirst().orElseThrow();
        assertThat(buffered.getSource()).isEqualTo("drydock");
        assertThat(buffered.getSeverity()).isEqualTo(DiagnosticSeverity.Information);
        assertThat(buffered.getMessage()).startsWith("Python output is buffered: ");
        assertThat(buffered.getRange().getStart().getLine()).isZero();

        String saved = """
                FROM python:3.12.7-slim
                ENV PYTHONUNBUFFERED=1
                WORKDIR /app
                COPY app.py .
                USER 10001
                CMD ["python", "app.py"]
                """;
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri("Dockerfile"), 2), List.of(new TextDocumentContentChangeEvent(saved))));
        next("Dockerfile");
        Files.writeString(workspace.resolve("Dockerfile"), saved);
        server.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(uri("Dockerfile"))));
        assertThat(next("Dockerfile").getDiagnostics()).extracting(d -> d.getCode().getLeft())
                .doesNotContain("python-unbuffered");
    }

    @Test
    void aFindingWrittenAtSeveralPlacesIsADiagnosticAtEachPointingAtTheOthers() throws Exception {
        Files.writeString(workspace.resolve("compose.yaml"), """
                services:
                  grafana:
                    image: grafana/grafana:11.2.0
                    environment:
                      GF_SECURITY_ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
                  caddy:
                    image: caddy:2.8.4
                    environment:
                      ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
                """);
        open("compose.yaml");
        List<Diagnostic> secret = next("compose.yaml").getDiagnostics().stream()
                .filter(d -> d.getCode().getLeft().equals("default-secret")).toList();
        assertThat(secret).extracting(d -> d.getRange().getStart().getLine()).containsExactly(4, 8);
        assertThat(secret).allMatch(d -> d.getMessage().contains("One finding at 2 places: compose.yaml:5 and compose.yaml:9."));
        assertThat(secret.get(0).getRelatedInformation()).singleElement().satisfies(r -> {
            assertThat(r.getLocation().getUri()).isEqualTo(uri("compose.yaml"));
            assertThat(r.getLocation().getRange().getStart().getLine()).isEqualTo(8);
        });
        assertThat(secret.get(1).getRelatedInformation()).singleElement()
                .satisfies(r -> assertThat(r.getLocation().getRange().getStart().getLine()).isEqualTo(4));
    }

    @Test
    void offersAFindingsFixAsAQuickFixUntilTheDocumentChanges() throws Exception {
        Files.writeString(workspace.resolve("Dockerfile"), "FROM alpine:3.20.3\r\nRUN apk add curl\r\nUSER 10001\r\n"
                + "ENTRYPOINT [\"curl\"]\r\n");
        Files.writeString(workspace.resolve(".dockerignore"), ".git\n");
        open("Dockerfile");
        Diagnostic cache = next("Dockerfile").getDiagnostics().stream()
                .filter(d -> d.getCode().getLeft().equals("apk-cache-kept") || d.getCode().getLeft().equals("os-package-cache-kept"))
                .findFirst().orElseThrow();
        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri("Dockerfile")), cache.getRange(),
                new CodeActionContext(List.of(cache)));
        var actions = server.getTextDocumentService().codeAction(params).get(30, TimeUnit.SECONDS);
        assertThat(actions).isNotEmpty();
        var action = actions.get(0).getRight();
        assertThat(action.getTitle()).startsWith("drydock: ");
        Map<String, List<TextEdit>> changes = action.getEdit().getChanges();
        assertThat(changes).containsOnlyKeys(uri("Dockerfile"));
        TextEdit edit = changes.get(uri("Dockerfile")).get(0);
        assertThat(edit.getRange().getStart().getLine()).isEqualTo(1);
        assertThat(edit.getNewText()).doesNotContain("\n").contains("--no-cache");

        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri("Dockerfile"), 2),
                List.of(new TextDocumentContentChangeEvent("FROM alpine:3.20.3\r\n# editing\r\n"))));
        assertThat(server.getTextDocumentService().codeAction(params).get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void reviewsTheTextBeingEditedAndTheDiskAgainOnceTheDocumentIsClosed() throws Exception {
        String onDisk = "FROM python:3.12.7-slim\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n";
        Files.writeString(workspace.resolve("Dockerfile"), onDisk);
        Files.writeString(workspace.resolve("app.py"), "print('export done')\n");
        Files.writeString(workspace.resolve(".dockerignore"), ".git\n");
        open("Dockerfile");
        assertThat(next("Dockerfile").getDiagnostics()).extracting(d -> d.getCode().getLeft()).contains("python-unbuffered");

        String edited = onDisk.replace("WORKDIR /app\n", "ENV PYTHONUNBUFFERED=1\nWORKDIR /app\nRUN apk add curl\n")
                .replace("FROM python:3.12.7-slim", "FROM python:3.12.7-alpine3.20");
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri("Dockerfile"), 2), List.of(new TextDocumentContentChangeEvent(edited))));
        List<Diagnostic> unsaved = next("Dockerfile").getDiagnostics();
        assertThat(unsaved).extracting(d -> d.getCode().getLeft()).doesNotContain("python-unbuffered");
        Diagnostic cache = unsaved.stream().filter(d -> d.getCode().getLeft().equals("os-package-cache-kept"))
                .findFirst().orElseThrow();
        assertThat(cache.getRange().getStart().getLine()).isEqualTo(3);
        var actions = server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri("Dockerfile")), cache.getRange(), new CodeActionContext(List.of(cache))))
                .get(30, TimeUnit.SECONDS);
        TextEdit edit = actions.get(0).getRight().getEdit().getChanges().get(uri("Dockerfile")).get(0);
        assertThat(edit.getRange().getStart().getLine()).isEqualTo(3);
        assertThat(Files.readString(workspace.resolve("Dockerfile"))).isEqualTo(onDisk);

        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri("Dockerfile"))));
        assertThat(next("Dockerfile").getDiagnostics()).extracting(d -> d.getCode().getLeft()).contains("python-unbuffered")
                .doesNotContain("os-package-cache-kept");
    }

    @Test
    void aConfigurationErrorIsLoggedAndTheServerKeepsServing() throws Exception {
        Files.writeString(workspace.resolve(".drydock.yaml"), "fail-on: [\n");
        Files.writeString(workspace.resolve("Dockerfile"), "FROM alpine:3.20.3\n");
        open("Dockerfile");
        MessageParams message = logged.poll(60, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(message.getMessage()).startsWith("drydock: ").contains(".drydock.yaml");
        Files.delete(workspace.resolve(".drydock.yaml"));
        server.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(uri("Dockerfile"))));
        assertThat(next("Dockerfile").getDiagnostics()).isNotEmpty();
    }
}
