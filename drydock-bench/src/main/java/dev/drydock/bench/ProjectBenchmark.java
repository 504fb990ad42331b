package dev.drydock.bench;

import dev.drydock.core.project.ProjectLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a whole small project from disk into the linked model: discovery walk, every file read and
 * parsed, compose loaded, services linked (the repository's flask-notes example).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProjectBenchmark {

    private Path project;
    private final ProjectLoader loader = new ProjectLoader();

    @Setup
    public void locate() {
        project = Corpus.repositoryRoot().resolve("examples/flask-notes");
    }

    @Benchmark
    public Object loadProject() {
        return loader.load(project);
    }
}
