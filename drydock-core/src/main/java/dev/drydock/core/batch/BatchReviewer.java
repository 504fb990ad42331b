package dev.drydock.core.batch;

import dev.drydock.core.config.ConfigFiles;
import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reviews many projects in one process on a fixed pool of workers and hands each result to a
 * callback as soon as it is ready, in completion order. The callback is called by one worker at a
 * time, so a project's output is never interleaved with another's; a worker keeps its project's
 * model only until the callback returns, so at most one model per worker is alive whatever the
 * number of projects. A project whose loading or review throws is handed over as
 * {@link BatchResult.Unreadable} and the batch goes on.
 */
public final class BatchReviewer {

    private final Function<Path, Review> reviewer;
    private final int workers;
    private final UnaryOperator<Path> reading;

    /** The standard rules, every core. */
    public BatchReviewer() {
        this(path -> new ProjectLoader().load(path), Reviewer.standard(), Runtime.getRuntime().availableProcessors());
    }

    public BatchReviewer(Function<Path, Project> loader, Reviewer reviewer, int workers) {
        this(reviewing(Objects.requireNonNull(loader), Objects.requireNonNull(reviewer)), workers);
    }

    private BatchReviewer(Function<Path, Review> reviewer, int workers) {
        this(reviewer, workers, UnaryOperator.identity());
    }

    private BatchReviewer(Function<Path, Review> reviewer, int workers, UnaryOperator<Path> reading) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.reviewer = reviewer;
        this.workers = workers;
        this.reading = reading;
    }

    /**
     * This reviewer for projects given as shown (see {@link ProjectFinder#ProjectFinder(UnaryOperator)}): each is
     * read, and its configuration looked up, at {@code reading.apply(project)}; its result names it as given.
     */
    public BatchReviewer reading(UnaryOperator<Path> reading) {
        return new BatchReviewer(reviewer, workers, reading);
    }

    /**
     * The standard rules, every core, each project with its configuration ({@code configs}: by default
     * {@link ConfigFiles#forProject}); a project whose configuration is invalid is unreadable.
     */
    public static BatchReviewer configured(Function<Path, DrydockConfig> configs) {
        return new BatchReviewer(path -> {
            DrydockConfig config = configs.apply(path);
            return config.reviewer().review(config.loader().load(path));
        }, Runtime.getRuntime().availableProcessors());
    }

    private static Function<Path, Review> reviewing(Function<Path, Project> loader, Reviewer reviewer) {
        return path -> reviewer.review(loader.apply(path));
    }

    public int workers() {
        return workers;
    }

    /** What a batch did: projects reviewed and projects that could not be read. */
    public record Totals(int reviewed, int unreadable) {}

    /**
     * Reviews every project and returns once all results have been handed to {@code onResult}. An
     * exception thrown by the callback (a closed output, say) stops the batch and is rethrown.
     */
    public Totals review(List<Path> projects, Consumer<BatchResult> onResult) {
        return review(projects, result -> result, onResult);
    }

    /**
     * {@link #review(List, Consumer)}, with each result first turned by {@code prepare} into what
     * {@code onPrepared} delivers: {@code prepare} runs on the workers side by side (formatting a result, say),
     * {@code onPrepared} on one worker at a time.
     */
    public <T> Totals review(List<Path> projects, Function<BatchResult, T> prepare, Consumer<T> onPrepared) {
        AtomicInteger reviewed = new AtomicInteger();
        AtomicInteger unreadable = new AtomicInteger();
        Object deliver = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, projects.size())), daemons());
        try {
            List<Future<?>> tasks = projects.stream().<Future<?>>map(project -> pool.submit(() -> {
                BatchResult result = reviewOne(project);
                (result instanceof BatchResult.Reviewed ? reviewed : unreadable).incrementAndGet();
                T prepared = prepare.apply(result);
                synchronized (deliver) {
                    onPrepared.accept(prepared);
                }
            })).toList();
            for (Future<?> task : tasks) {
                await(task);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Totals(reviewed.get(), unreadable.get());
    }

    private BatchResult reviewOne(Path project) {
        Path read = reading.apply(project);
        try {
            return new BatchResult.Reviewed(project, read, reviewer.apply(read));
        } catch (RuntimeException | StackOverflowError e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
            return new BatchResult.Unreadable(project, read, reason);
        }
    }

    private static void await(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch review interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory daemons() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "drydock-batch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
