package dev.drydock.lsp;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * drydock for editors: when a document is opened, changed, saved or closed, the project it belongs to is
 * reviewed as the editor holds it (the unsaved text of its open documents, the disk for the rest) and every
 * file's findings are published as diagnostics (and cleared where they are gone); the fixes of the findings
 * are quick fixes while the document's text is the text that was reviewed. Reviews run one at a time, off
 * the protocol's threads; changes that arrive while a project's review waits are read by that review.
 */
public final class DrydockLanguageServer implements LanguageServer, LanguageClientAware {

    private final ProjectReviews reviews;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "drydock-review");
        t.setDaemon(true);
        return t;
    });
    private final OpenDocuments open = new OpenDocuments();
    private final Map<Path, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final String version;
    private volatile LanguageClient client;

    public DrydockLanguageServer(String version, boolean shellcheck) {
        this.version = version;
        this.reviews = new ProjectReviews(shellcheck);
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    /** Completes when the client says {@code exit}. */
    public CompletableFuture<Void> exited() {
        return exited;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        List<Path> folders = new ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            params.getWorkspaceFolders().forEach(f -> Uris.path(f.getUri()).ifPresent(folders::add));
        } else if (params.getRootUri() != null) {
            Uris.path(params.getRootUri()).ifPresent(folders::add);
        }
        reviews.workspaceFolders(folders);
        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Full);
        sync.setSave(new SaveOptions(false));
        capabilities.setTextDocumentSync(sync);
        capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("drydock", version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        worker.shutdown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        worker.shutdownNow();
        exited.complete(null);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    /**
     * Queues a review of the project the document belongs to, unless one is queued and not started yet; the
     * returned future ends when it is published.
     */
    CompletableFuture<Void> reviewFor(String uri) {
        Optional<Path> file = Uris.path(uri);
        if (file.isEmpty() || worker.isShutdown()) {
            return CompletableFuture.completedFuture(null);
        }
        Path root = reviews.projectOf(file.get());
        try {
            return queued.computeIfAbsent(root, r -> CompletableFuture.runAsync(() -> {
                queued.remove(r);
                publish(r);
            }, worker));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null); // shutting down
        }
    }

    private void publish(Path root) {
        ProjectReviews.Update update;
        try {
            update = reviews.review(root, open.unsavedUnder(root));
        } catch (SourceException e) {
            client.logMessage(new MessageParams(MessageType.Error, "drydock: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            client.logMessage(new MessageParams(MessageType.Error, "drydock: internal error reviewing " + root + ": " + e));
            return;
        }
        Map<String, List<ProjectReviews.Shown>> now = update.now().byDocument();
        now.forEach((uri, shown) -> client.publishDiagnostics(
                new PublishDiagnosticsParams(uri, shown.stream().map(ProjectReviews.Shown::diagnostic).toList())));
        if (update.before() != null) {
            update.before().byDocument().keySet().stream().filter(uri -> !now.containsKey(uri))
                    .forEach(uri -> client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of())));
        }
    }

    private final TextDocumentService documents = new TextDocumentService() {
        @Override
        public void didOpen(DidOpenTextDocumentParams params) {
            open.opened(params.getTextDocument().getUri(), params.getTextDocument().getText());
            reviewFor(params.getTextDocument().getUri());
        }

        @Override
        public void didChange(DidChangeTextDocumentParams params) {
            // full synchronisation: the last change holds the whole text
            var changes = params.getContentChanges();
            if (!changes.isEmpty()) {
                open.changed(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText());
                reviewFor(params.getTextDocument().getUri());
            }
        }

        @Override
        public void didClose(DidCloseTextDocumentParams params) {
            open.closed(params.getTextDocument().getUri());
            reviewFor(params.getTextDocument().getUri()); // its unsaved edits are gone: the disk holds the text now
        }

        @Override
        public void didSave(DidSaveTextDocumentParams params) {
            reviewFor(params.getTextDocument().getUri());
        }

        @Override
        public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
            return CompletableFuture.completedFuture(quickFixes(params.getTextDocument().getUri(), params.getRange()));
        }
    };

    private List<Either<Command, CodeAction>> quickFixes(String uri, Range range) {
        Optional<Path> file = Uris.path(uri);
        if (file.isEmpty()) {
            return List.of();
        }
        Optional<ProjectReviews.Reviewed> reviewed = reviews.latest(reviews.projectOf(file.get()));
        if (reviewed.isEmpty() || !unchangedSinceReview(uri, reviewed.get())) {
            return List.of();
        }
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (ProjectReviews.Shown shown : reviewed.get().byDocument().getOrDefault(uri, List.of())) {
            if (overlaps(shown.diagnostic().getRange(), range)) {
                QuickFixes.of(reviewed.get().project(), shown.finding(), shown.diagnostic())
                        .ifPresent(a -> actions.add(Either.forRight(a)));
            }
        }
        return actions;
    }

    /** Whether the editor's text of the document is the text the review read (edits would land elsewhere). */
    private boolean unchangedSinceReview(String uri, ProjectReviews.Reviewed reviewed) {
        Optional<String> editing = open.text(uri);
        if (editing.isEmpty()) {
            return true; // not open here: the client applies edits to the file as it is on disk
        }
        Path root = reviewed.project().root().toAbsolutePath().normalize();
        Optional<Path> file = Uris.path(uri);
        if (file.isEmpty() || !file.get().startsWith(root)) {
            return false;
        }
        String relative = root.relativize(file.get()).toString().replace('\\', '/');
        return reviewed.project().source(relative).map(SourceFile::text)
                .map(text -> text.startsWith("\uFEFF") ? text.substring(1) : text).map(editing.get()::equals).orElse(false);
    }

    private static boolean overlaps(Range a, Range b) {
        return compare(a.getStart(), b.getEnd()) <= 0 && compare(b.getStart(), a.getEnd()) <= 0;
    }

    private static int compare(org.eclipse.lsp4j.Position a, org.eclipse.lsp4j.Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }

    private final WorkspaceService workspace = new WorkspaceService() {
        @Override
        public void didChangeConfiguration(DidChangeConfigurationParams params) {
            // drydock reads .drydock.yaml from the project at every review
        }

        @Override
        public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
            params.getChanges().forEach(change -> reviewFor(change.getUri()));
        }
    };
}
