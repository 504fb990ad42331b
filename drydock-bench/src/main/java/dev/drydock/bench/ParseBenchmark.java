package dev.drydock.bench;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading real Dockerfiles: the lossless parse alone, and parse plus the semantic model (stages,
 * scopes, expansion). One operation reads the whole corpus; the {@code files} and {@code bytes}
 * counters give files/s and bytes/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    private List<SourceFile> dockerfiles;
    private long dockerfileBytes;

    @Setup
    public void load() {
        dockerfiles = Corpus.dockerfiles();
        dockerfileBytes = dockerfiles.stream().mapToLong(f -> f.text().length()).sum();
    }

    @Benchmark
    public void parseDockerfiles(Throughput counters, Blackhole sink) {
        for (SourceFile file : dockerfiles) {
            sink.consume(parseOrNull(file));
        }
        counters.files += dockerfiles.size();
        counters.bytes += dockerfileBytes;
    }

    @Benchmark
    public void parseAndModelDockerfiles(Throughput counters, Blackhole sink) {
        for (SourceFile file : dockerfiles) {
            Dockerfile syntax = parseOrNull(file);
            if (syntax != null) {
                sink.consume(DockerfileModel.of(syntax));
            }
        }
        counters.files += dockerfiles.size();
        counters.bytes += dockerfileBytes;
    }

    private static Dockerfile parseOrNull(SourceFile file) {
        try {
            return DockerfileParser.parse(file);
        } catch (SourceException e) {
            return null; // the negative conformance cases: rejecting them is part of the work measured
        }
    }

}
