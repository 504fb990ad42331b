package dev.drydock.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.core.json.ReviewJsonl;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.source.SourceException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchReviewerTest {

    @TempDir
    Path dir;

    private List<Path> projects(int count) throws IOException {
        List<Path> projects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path project = dir.resolve("p" + i);
            Files.createDirectories(project);
            Files.writeString(project.resolve("Dockerfile"), i % 2 == 0
                    ? "FROM python:3.12\nRUN pip install flask\nCMD python app.py\n"
                    : "FROM alpine:3.20.3\nUSER 10001\nCMD [\"sleep\", \"1\"]\n");
            projects.add(project);
        }
        return projects;
    }

    private static Function<Path, Project> load() {
        return path -> new ProjectLoader().load(path);
    }

    @Test
    void eachProjectsLinesAreTogetherAndEndWithItsOneSummary() throws IOException {
        List<Path> projects = projects(24);
        StringWriter out = new StringWriter();

        var totals = new BatchReviewer(load(), Reviewer.standard(), 3).review(projects, new ReviewJsonl(out));

        assertThat(totals).isEqualTo(new BatchReviewer.Totals(24, 0));
        Map<String, List<JsonNode>> byProject = new LinkedHashMap<>();
        String current = null;
        ObjectMapper json = new ObjectMapper();
        for (String line : out.toString().split("\n")) {
            JsonNode node = json.readTree(line);
            String project = node.get("project").asText();
            if (!project.equals(current)) {
                assertThat(byProject).as("lines of %s are contiguous", project).doesNotContainKey(project);
                current = project;
            }
            byProject.computeIfAbsent(project, p -> new ArrayList<>()).add(node);
        }
        assertThat(byProject).hasSize(24);
        byProject.forEach((project, lines) -> {
            JsonNode summary = lines.get(lines.size() - 1);
            assertThat(summary.get("type").asText()).isEqualTo("summary");
            assertThat(summary.get("status").asText()).isEqualTo("reviewed");
            assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l.get("type").asText()).isEqualTo("finding"));
            assertThat(summary.get("findings").asInt()).isEqualTo(lines.size() - 1);
        });
        JsonNode finding = byProject.get(dir.resolve("p0").toString()).get(0);
        assertThat(finding.get("rule").asText()).isNotBlank();
        assertThat(finding.get("file").asText()).isEqualTo("Dockerfile");
    }

    @Test
    void aProjectThatCannotBeReadIsReportedAndTheBatchGoesOn() throws IOException {
        List<Path> projects = projects(5);
        Path broken = projects.get(2);
        Function<Path, Project> loader = path -> {
            if (path.equals(broken)) {
                throw SourceException.ofFile(path.toString(), "permission denied");
            }
            return new ProjectLoader().load(path);
        };
        List<BatchResult> results = new ArrayList<>();
        StringWriter out = new StringWriter();

        var totals = new BatchReviewer(loader, Reviewer.standard(), 2).review(projects, r -> {
            results.add(r);
            new ReviewJsonl(out).accept(r);
        });

        assertThat(totals).isEqualTo(new BatchReviewer.Totals(4, 1));
        assertThat(results).filteredOn(r -> r instanceof BatchResult.Unreadable).singleElement()
                .satisfies(r -> assertThat(((BatchResult.Unreadable) r).reason()).contains("permission denied"));
        assertThat(out.toString()).contains("{\"type\":\"summary\",\"project\":\"" + broken
                + "\",\"status\":\"unreadable\",\"error\":\"" + broken + ": permission denied\"}\n");
    }

    @Test
    void resultsAreHandedOverBeforeTheLastProjectIsReviewed() throws IOException, InterruptedException {
        List<Path> projects = projects(4);
        CountDownLatch firstDelivered = new CountDownLatch(1);
        AtomicInteger timedOut = new AtomicInteger();
        Function<Path, Project> loader = path -> {
            if (path.equals(projects.get(projects.size() - 1))) {
                try {
                    if (!firstDelivered.await(30, TimeUnit.SECONDS)) {
                        timedOut.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ProjectLoader().load(path);
        };

        new BatchReviewer(loader, Reviewer.standard(), 2).review(projects, r -> firstDelivered.countDown());

        assertThat(timedOut).hasValue(0);
    }

    @Test
    void noMoreModelsAreAliveThanTheHeldResultsPlusOne() throws IOException {
        List<Path> projects = projects(30);
        AtomicInteger alive = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Function<Path, Project> loader = path -> {
            peak.accumulateAndGet(alive.incrementAndGet(), Math::max);
            return new ProjectLoader().load(path);
        };

        new BatchReviewer(loader, Reviewer.standard(), 3).holding(1).review(projects, r -> alive.decrementAndGet());

        assertThat(peak.get()).isBetween(1, 2);
    }

    /** A loader that keeps the first project until {@code others} other projects have been loaded, or 10 s. */
    private static Function<Path, Project> firstWaitsFor(List<Path> projects, int others, AtomicInteger loaded) {
        CountDownLatch othersLoaded = new CountDownLatch(others);
        return path -> {
            loaded.incrementAndGet();
            if (path.equals(projects.get(0))) {
                try {
                    othersLoaded.await(10, TimeUnit.SECONDS);
                    Thread.sleep(200); // time for a worker that should wait to take one more project anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                othersLoaded.countDown();
            }
            return new ProjectLoader().load(path);
        };
    }

    @Test
    void resultsComeInListOrderWhenAnEarlyProjectIsSlow() throws IOException {
        List<Path> projects = projects(12);
        List<Path> delivered = new ArrayList<>();
        AtomicInteger finished = new AtomicInteger();
        List<Integer> finishedAtFirstDelivery = new ArrayList<>();
        Function<Path, Project> loader = firstWaitsFor(projects, 4, new AtomicInteger());

        var totals = new BatchReviewer(loader, Reviewer.standard(), 3).holding(6).review(projects, r -> r, r -> {
            if (delivered.isEmpty()) {
                finishedAtFirstDelivery.add(finished.get());
            }
            delivered.add(r.project());
        }, finished::incrementAndGet);

        assertThat(totals).isEqualTo(new BatchReviewer.Totals(12, 0));
        assertThat(delivered).containsExactlyElementsOf(projects);
        assertThat(finished).hasValue(12);
        // the later projects were counted as they finished, before the first one was written
        assertThat(finishedAtFirstDelivery).singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(3));
    }

    @Test
    void workersTakeNoProjectWhileTheHeldResultsAreAtTheirBound() throws IOException {
        List<Path> projects = projects(12);
        AtomicInteger loaded = new AtomicInteger();
        AtomicInteger loadedWhileFirstWaits = new AtomicInteger();
        Function<Path, Project> waiting = firstWaitsFor(projects, 2, loaded);
        Function<Path, Project> loader = path -> {
            Project project = waiting.apply(path);
            if (path.equals(projects.get(0))) {
                loadedWhileFirstWaits.set(loaded.get());
            }
            return project;
        };
        List<Path> delivered = new ArrayList<>();

        new BatchReviewer(loader, Reviewer.standard(), 4).holding(2).review(projects, r -> delivered.add(r.project()));

        assertThat(loadedWhileFirstWaits).as("the first project and the two held after it").hasValue(3);
        assertThat(delivered).containsExactlyElementsOf(projects);
    }

    @Test
    void aFailingCallbackStopsTheBatchEvenWithResultsHeld() throws IOException {
        List<Path> projects = projects(10);
        Function<Path, Project> loader = firstWaitsFor(projects, 3, new AtomicInteger());

        assertThatThrownBy(() -> new BatchReviewer(loader, Reviewer.standard(), 3).holding(3).review(projects, r -> {
            throw new IllegalStateException("output closed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("output closed");
    }

    @Test
    void eachProjectIsFlushedAsItIsWritten() throws IOException {
        List<Path> projects = projects(6);
        StringBuilder written = new StringBuilder();
        List<Integer> summariesAtFlush = new ArrayList<>();
        Writer out = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                written.append(chars, offset, length);
            }

            @Override
            public void flush() {
                summariesAtFlush.add(written.toString().split("\"type\":\"summary\"", -1).length - 1);
            }

            @Override
            public void close() {}
        };

        new BatchReviewer(load(), Reviewer.standard(), 2).review(projects, new ReviewJsonl(out));

        assertThat(summariesAtFlush).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void preparationRunsOnTheWorkersSideBySideAndDeliveryOneAtATime() throws IOException {
        List<Path> projects = projects(8);
        CountDownLatch bothPreparing = new CountDownLatch(2);
        AtomicInteger delivering = new AtomicInteger();
        List<String> delivered = new ArrayList<>();

        var totals = new BatchReviewer(load(), Reviewer.standard(), 2).review(projects, result -> {
            bothPreparing.countDown();
            try {
                bothPreparing.await(10, TimeUnit.SECONDS); // the first two preparations meet: none waits on a lock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result.project().getFileName().toString();
        }, name -> {
            assertThat(delivering.incrementAndGet()).isEqualTo(1);
            delivered.add(name);
            delivering.decrementAndGet();
        });

        assertThat(bothPreparing.getCount()).isZero();
        assertThat(totals).isEqualTo(new BatchReviewer.Totals(8, 0));
        assertThat(delivered).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7");
    }
}
