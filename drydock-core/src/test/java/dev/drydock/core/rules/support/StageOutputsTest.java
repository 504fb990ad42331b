package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageOutputsTest {

    @Test
    void anOutputFolderBelowTheWorkdir() {
        assertThat(StageOutputs.outputFolder("/app/apps/web/.next/standalone", "/app")).contains("/app/apps/web/.next");
        assertThat(StageOutputs.outputFolder("/app/dist", "/app")).contains("/app/dist");
        assertThat(StageOutputs.outputFolder("/opt/venv/bin", "/app")).contains("/opt/venv");
    }

    @Test
    void noOutputFolderOutsideTheWorkdirOrWithoutOne() {
        assertThat(StageOutputs.outputFolder("/usr/local/dist", "/app")).isEmpty();
        assertThat(StageOutputs.outputFolder("/dist", "/")).as("no WORKDIR: nothing is certain").isEmpty();
        assertThat(StageOutputs.outputFolder("/app/public", "/app")).isEmpty();
        assertThat(StageOutputs.outputFolder("/app/dist", null)).isEmpty();
    }

    private static List<RunStep> runs(String dockerfile) {
        DockerfileModel model = DockerfileModel.of(DockerfileParser.parse(SourceFile.of("Dockerfile", dockerfile)));
        Stage stage = model.stages().get(0);
        return RunStep.of(model, List.of(stage));
    }

    @Test
    void knownCommandsWriteNothingInTheWorkdir() {
        List<RunStep> runs = runs("""
                FROM node:22-alpine
                WORKDIR /app
                RUN apk add --no-cache libc6-compat && corepack enable
                RUN pnpm add -g turbo@2.2.3 && addgroup -S app && adduser -S app -G app
                RUN turbo prune web --docker
                """);
        for (RunStep run : runs) {
            assertThat(StageOutputs.runMayWrite(run, "/app/apps/web/.next")).as(run.text()).isFalse();
        }
        assertThat(StageOutputs.runMayWrite(runs.get(2), "/app/out/full")).as("turbo prune writes out/").isTrue();
    }

    @Test
    void otherCommandsAndRedirectionsMayWriteAnything() {
        List<RunStep> runs = runs("""
                FROM node:22-alpine
                WORKDIR /app
                RUN npm ci
                RUN apk add --no-cache git > /app/dist/log.txt
                RUN apt-get source hello
                """);
        for (RunStep run : runs) {
            assertThat(StageOutputs.runMayWrite(run, "/app/dist")).as(run.text()).isTrue();
        }
    }
}
