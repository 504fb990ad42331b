package dev.drydock.core.batch;

import dev.drydock.core.config.ConfigFiles;
import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Reviews many projects in one process on a fixed pool of workers and hands the results to a callback
 * in the order of the list, each as soon as the projects before it have been handed over: two runs on
 * the same list give the same output. The callback is called by one worker at a time, so a project's
 * output is never interleaved with another's. A result that is ready before an earlier project's waits;
 * at most {@link #holding(int) a few} wait, and once they do the workers take no further project, so at
 * most that many models plus one are alive whatever the number of projects, however slow one of them.
 * A project whose loading or review throws is handed over as {@link BatchResult.Unreadable} and the
 * batch goes on.
 */
public final class BatchReviewer {

    private final Function<Path, Review> reviewer;
    private final int workers;
    private final UnaryOperator<Path> reading;
    private final int holding;

    /** The standard rules, every core. */
    public BatchReviewer() {
        this(path -> new ProjectLoader().load(path), Reviewer.standard(), Runtime.getRuntime().availableProcessors());
    }

    public BatchReviewer(Function<Path, Project> loader, Reviewer reviewer, int workers) {
        this(reviewing(Objects.requireNonNull(loader), Objects.requireNonNull(reviewer)), workers);
    }

    private BatchReviewer(Function<Path, Review> reviewer, int workers) {
        this(reviewer, workers, UnaryOperator.identity(), 2 * workers);
    }

    private BatchReviewer(Function<Path, Review> reviewer, int workers, UnaryOperator<Path> reading, int holding) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (holding < 0) {
            throw new IllegalArgumentException("held results cannot be negative: " + holding);
        }
        this.reviewer = reviewer;
        this.workers = workers;
        this.reading = reading;
        this.holding = holding;
    }

    /**
     * This reviewer holding at most {@code most} results that wait for an earlier project (by default twice the
     * workers): no worker takes a project more than {@code most} places after the first one not yet handed over.
     * Below {@code workers - 1} some workers stay idle.
     */
    public BatchReviewer holding(int most) {
        return new BatchReviewer(reviewer, workers, reading, most);
    }

    /**
     * This reviewer for projects given as shown (see {@link ProjectFinder#ProjectFinder(UnaryOperator)}): each is
     * read, and its configuration looked up, at {@code reading.apply(project)}; its result names it as given.
     */
    public BatchReviewer reading(UnaryOperator<Path> reading) {
        return new BatchReviewer(reviewer, workers, reading, holding);
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
        return review(projects, prepare, onPrepared, () -> {});
    }

    /**
     * {@link #review(List, Function, Consumer)}, with {@code onFinished} run as each project is prepared, in
     * completion order (a progress count, say); it runs one at a time, never beside {@code onPrepared}.
     */
    public <T> Totals review(List<Path> projects, Function<BatchResult, T> prepare, Consumer<T> onPrepared,
            Runnable onFinished) {
        AtomicInteger reviewed = new AtomicInteger();
        AtomicInteger unreadable = new AtomicInteger();
        InOrder<T> inOrder = new InOrder<>(projects.size(), holding, onPrepared, onFinished);
        int threads = Math.min(workers, Math.max(1, projects.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons());
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(pool.submit(() -> {
                    try {
                        for (int index = inOrder.take(); index >= 0; index = inOrder.take()) {
                            BatchResult result = reviewOne(projects.get(index));
                            (result instanceof BatchResult.Reviewed ? reviewed : unreadable).incrementAndGet();
                            inOrder.finished(index, prepare.apply(result));
                        }
                    } catch (RuntimeException | Error e) {
                        inOrder.stop(); // the other workers take nothing more
                        throw e;
                    }
                    return null;
                }));
            }
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
