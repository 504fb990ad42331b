package dev.drydock.cli;

import dev.drydock.core.batch.BatchResult;
import dev.drydock.core.batch.BatchReviewer;
import dev.drydock.core.batch.ProjectFinder;
import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.json.ReviewJsonl;
import dev.drydock.core.json.SarifLog;
import dev.drydock.core.report.BatchText;
import dev.drydock.core.report.ReviewGithub;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Rules;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.SourceException;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@code drydock review --batch PATH...}: the options of {@link ReviewCommand}, the work in drydock-core. */
final class BatchReview {

    private final ReviewCommand command;
    private final Invocation invocation;

    BatchReview(ReviewCommand command, Invocation invocation) {
        this.invocation = invocation;
        this.command = command;
    }

    int run() {
        PrintWriter err = command.spec.commandLine().getErr();
        String problem = usageProblem();
        if (problem != null) {
            err.println("drydock: " + problem);
            err.flush();
            return Main.INPUT_ERROR;
        }
        List<Path> starts = new ArrayList<>();
        starts.add(command.path);
        starts.addAll(command.morePaths);
        if (invocation.served() && !servable(starts)) {
            invocation.requireOwnProcess(); // a walk of folders, or a long list: its results stream in a process of its own
        }
        // projects are found and reported as given, and read against the invocation's folder
        List<Path> projects = new ArrayList<>();
        ProjectFinder finder = new ProjectFinder(invocation::resolve);
        for (Path start : starts) {
            projects.addAll(finder.find(start)); // a missing PATH stops here, before any output
        }
        ReviewCommand.Format format = command.format != null ? command.format
                : command.output == null && invocation.terminal() ? ReviewCommand.Format.text : ReviewCommand.Format.jsonl;
        if (command.config != null) {
            Configs.load(command.config, invocation.resolve(command.path), invocation); // an invalid --config stops here
        }
        if (command.output != null) {
            OutputFile.check(command.output); // so does an --output that cannot be written
        }
        // a given file is read again for each project: its exclusions and its shown path are relative to it
        Function<Path, DrydockConfig> found = p -> Configs.load(command.config, p, invocation);
        // each project's configuration is looked up once (where it is read), by its worker, and read again when delivered
        Map<Path, DrydockConfig> projectConfigs = new ConcurrentHashMap<>();
        Function<Path, DrydockConfig> configs = p -> projectConfigs.computeIfAbsent(p,
                q -> found.apply(q).withShellCheck(command.shellcheckOn()));
        long shellCheckBaseline = command.verbose ? ShellCheckStatus.baseline() : 0;
        AtomicBoolean failed = new AtomicBoolean();
        // a daemon hands the output over once the batch ends: a progress bar would only flash by
        Progress progress = Progress.onTerminal(err, projects.size(), invocation.terminal() && !invocation.served());
        OutputFile file = command.output == null ? null : OutputFile.open(command.output);
        try (file; Writer target = target(file)) {
            PrintWriter out = new PrintWriter(target);
            SarifLog sarif = format == ReviewCommand.Format.sarif ? new SarifLog(out, Version.number(),
                    Rules.all().stream().map(Rule::metadata).toList(), invocation.shownFrom().toAbsolutePath().toUri()) : null;
            Consumer<BatchResult> writer = switch (format) {
                case text -> new BatchText(out, command.output == null && useColor());
                case github -> new ReviewGithub(out);
                case sarif -> sarif;
                default -> new ReviewJsonl(out);
            };
            // the workers format JSON Lines side by side and check the threshold, so that a result waiting for
            // an earlier project holds its lines rather than its model; the output is written one project at a time
            boolean jsonl = writer instanceof ReviewJsonl;
            Function<BatchResult, Prepared> prepare = r -> new Prepared(r.read(), jsonl ? null : r,
                    jsonl ? ReviewJsonl.lines(r) : null, r instanceof BatchResult.Reviewed reviewed
                            && Configs.threshold(command.failOn, configs.apply(reviewed.read()))
                                    .map(reviewed.review()::reaches).orElse(false));
            BatchReviewer.Totals totals = BatchReviewer.configured(configs).reading(invocation::resolve).review(projects, prepare, prepared -> {
                progress.clear();
                if (prepared.lines() != null) {
                    ((ReviewJsonl) writer).write(prepared.lines());
                } else {
                    writer.accept(prepared.result());
                }
                if (out.checkError()) {
                    throw SourceException.ofFile(command.output == null ? "standard output" : command.output.toString(),
                            "cannot write the results");
                }
                projectConfigs.remove(prepared.read());
                if (prepared.reaches()) {
                    failed.set(true);
                }
                progress.redraw();
            }, progress::step); // the bar counts projects as they finish; their output comes in the order found
            progress.done();
            if (totals.unreadable() > 0) {
                invocation.requireOwnProcess(); // why a project cannot be read names it as read: the client's run names it as given
            }
            if (command.verbose) {
                ShellCheckStatus.print(err, command.shellcheckOn(), shellCheckBaseline);
            }
            if (sarif != null) {
                sarif.close();
            }
            out.flush();
            if (file != null) {
                file.commit();
            }
            if (failed.get()) {
                return 1;
            }
            return totals.unreadable() > 0 ? Main.INPUT_ERROR : 0;
        } catch (IOException e) {
            throw OutputFile.failure(command.output == null ? Path.of("standard output") : command.output, e);
        }
    }

    /** The most files a daemon reviews for its client in one batch; a longer batch runs in a process of its own. */
    static final int MOST_SERVED_FILES = 200;

    /**
     * Whether a daemon answers this batch: a few files, no folder (a walk's results stream), read against the
     * client's folder; its output is held until the batch ends.
     */
    private boolean servable(List<Path> starts) {
        return starts.size() <= MOST_SERVED_FILES
                && starts.stream().allMatch(start -> java.nio.file.Files.isRegularFile(invocation.resolve(start)));
    }

    /**
     * A project's output ready to write: its JSON Lines when that is the format, else its result; and whether a
     * finding reaches the project's --fail-on threshold.
     */
    private record Prepared(Path read, BatchResult result, CharArrayWriter lines, boolean reaches) {}

    private String usageProblem() {
        if (!command.batch) {
            return command.morePaths.isEmpty() ? "--format jsonl is for --batch" : "several PATHs need --batch";
        }
        if (command.verify) {
            return "--verify reviews one project; it cannot be combined with --batch";
        }
        if (command.format != null && command.format != ReviewCommand.Format.text
                && command.format != ReviewCommand.Format.jsonl && command.format != ReviewCommand.Format.github
                && command.format != ReviewCommand.Format.sarif) {
            return "--batch writes --format jsonl, text, github or sarif, not " + command.format;
        }
        return null;
    }

    /** Standard output (left open), or the temporary file the output is renamed from once complete. */
    private Writer target(OutputFile file) {
        if (file != null) {
            return new java.io.FilterWriter(file.writer()) {
                @Override
                public void close() {
                    // the output file closes it: when renaming it, or when removing it after a failure
                }
            };
        }
        Writer out = command.spec.commandLine().getOut();
        return new java.io.FilterWriter(out) {
            @Override
            public void close() throws IOException {
                flush(); // standard output stays open for picocli
            }
        };
    }

    private boolean useColor() {
        return switch (command.color) {
            case always -> true;
            case never -> false;
            case auto -> invocation.colorByDefault();
        };
    }

    /** A one-line progress bar on standard error, drawn only when there is a terminal to draw it on. */
    private static final class Progress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final int total;
        private final boolean shown;
        private int done;
        private long drawn;

        private Progress(PrintWriter err, int total, boolean shown) {
            this.err = err;
            this.total = total;
            this.shown = shown;
        }

        static Progress onTerminal(PrintWriter err, int total, boolean terminal) {
            return new Progress(err, total, terminal && total > 0);
        }

        void clear() {
            if (shown && drawn > 0) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }

        void step() {
            done++;
            redraw();
        }

        void redraw() {
            if (!shown || done == 0) {
                return;
            }
            int filled = (int) ((long) WIDTH * done / total);
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " projects");
            err.flush();
            drawn++;
        }

        void done() {
            clear();
        }
    }
}
