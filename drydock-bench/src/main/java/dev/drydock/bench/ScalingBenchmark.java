package dev.drydock.bench;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.source.SourceFile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost against input size: a Dockerfile of {@code lines} generated lines (stages, ENV, RUN chains with
 * continuations, COPY), and one RUN of {@code lines} chained commands. Time per operation should
 * grow linearly with {@code lines}. {@code shellParseLongRun} also parses the RUN's shell script into commands.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScalingBenchmark {

    @Param({"1000", "10000"})
    public int lines;

    private SourceFile large;
    private SourceFile longRun;

    @Setup
    public void generate() {
        StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\nARG BASE=python:3.12-slim\n");
        int written = 2;
        for (int stage = 0; written < lines; stage++) {
            text.append("FROM ${BASE} AS stage").append(stage).append('\n');
            written++;
            for (int i = 0; i < 40 && written < lines; i++, written += 3) {
                text.append("ENV VAR_").append(i).append("=value_").append(i).append('\n');
                text.append("RUN apt-get update && \\\n    apt-get install -y --no-install-recommends pkg").append(i)
                        .append(" && rm -rf /var/lib/apt/lists/*\n");
            }
            text.append("COPY --from=stage0 /app /app\n");
            written++;
        }
        large = SourceFile.of("Dockerfile", text.toString());
        StringBuilder run = new StringBuilder("FROM alpine\nRUN set -eux");
        for (int i = 0; i < lines; i++) {
            run.append(" \\\n  && echo step").append(i);
        }
        longRun = SourceFile.of("Dockerfile", run.append('\n').toString());
    }

    @Benchmark
    public Object parseLargeDockerfile() {
        return DockerfileParser.parse(large);
    }

    @Benchmark
    public Object modelLargeDockerfile() {
        return DockerfileModel.of(DockerfileParser.parse(large));
    }

    @Benchmark
    public Object parseLongRun() {
        return DockerfileParser.parse(longRun);
    }

    @Benchmark
    public Object shellParseLongRun() {
        DockerfileModel model = DockerfileModel.of(DockerfileParser.parse(longRun));
        return model.script(model.stages().get(0).runs().get(0)).orElseThrow().commands();
    }
}
