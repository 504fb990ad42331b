package dev.drydock.core.dockerfile.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.source.SourceFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileModelTest {

    private static DockerfileModel model(String text) {
        return DockerfileModel.of(DockerfileParser.parse(SourceFile.of("Dockerfile", text)));
    }

    private static DockerfileModel model(String text, BuildOptions options) {
        return DockerfileModel.of(DockerfileParser.parse(SourceFile.of("Dockerfile", text)), options);
    }

    @Test
    void stagesLinkToRegistryImagesEarlierStagesAndScratch() {
        DockerfileModel model = model("""
                ARG PY=3.12
                FROM python:${PY}-slim AS Builder
                RUN pip wheel -w /wheels .
                FROM builder AS test
                FROM scratch
                COPY --from=builder /wheels /wheels
                COPY --from=0 /etc/passwd /etc/passwd
                COPY --from=nginx:1.27 /etc/nginx /etc/nginx
                """);
        List<Stage> stages = model.stages();
        assertThat(stages).hasSize(3);
        Stage builder = stages.get(0);
        assertThat(builder.name()).isEqualTo("builder");
        assertThat(builder.nameWord().value()).isEqualTo("Builder");
        BaseImage.External python = (BaseImage.External) builder.base();
        assertThat(python.written()).isEqualTo("python:${PY}-slim");
        assertThat(python.expanded()).isEqualTo("python:3.12-slim");
        assertThat(python.reference().tag()).isEqualTo("3.12-slim");
        assertThat(stages.get(1).base()).isEqualTo(new BaseImage.OfStage(0, "builder"));
        assertThat(stages.get(2).base()).isInstanceOf(BaseImage.Scratch.class);
        List<CopyCommand> copies = stages.get(2).copies();
        assertThat(copies).extracting(CopyCommand::fromStage).containsExactly(0, 0, -1);
        assertThat(copies.get(2).from()).isEqualTo("nginx:1.27");
        assertThat(model.targetStage()).contains(stages.get(2));
        assertThat(model.stage("BUILDER")).contains(builder);
        assertThat(model.stage("1")).contains(stages.get(1));
    }

    @Test
    void globalArgsNeedRedeclarationInsideAStage() {
        DockerfileModel model = model("""
                ARG VERSION=1.0
                ARG OTHER=x
                FROM alpine
                ARG VERSION
                ENV V=$VERSION O=$OTHER
                """);
        Stage stage = model.stages().get(0);
        assertThat(stage.variables().of(Variables.Kind.ENV)).containsExactly(Map.entry("V", "1.0"), Map.entry("O", ""));
        Instruction env = stage.steps().get(1).instruction();
        assertThat(model.step(env).orElseThrow().undefinedVariables()).containsExactly("OTHER");
    }

    @Test
    void buildArgsOverrideDefaultsAndEnvWinsOverArg() {
        DockerfileModel model = model("""
                FROM alpine
                ARG MODE=dev
                ENV MODE=prod
                ARG MODE=other
                ARG PORT=8000
                LABEL mode=$MODE port=$PORT
                """, BuildOptions.DEFAULT.withBuildArgs(Map.of("PORT", "9000")));
        Stage stage = model.stages().get(0);
        assertThat(stage.config().labels().get("mode").value()).isEqualTo("prod");
        assertThat(stage.config().labels().get("port").value()).isEqualTo("9000");
    }

    @Test
    void labelsKeepTheOrderTheyWereFirstSetInThroughStages() {
        DockerfileModel model = model("""
                FROM alpine:3.20 AS base
                LABEL zeta=1 alpha=2
                FROM base
                LABEL mid=3 zeta=4
                """, BuildOptions.DEFAULT);
        var labels = model.stages().get(1).config().labels();
        assertThat(labels.keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(labels.get("zeta").value()).isEqualTo("4");
    }

    @Test
    void variablesThatDoubleEachOtherStopAtTheLengthBoundWithAWarning() {
        StringBuilder text = new StringBuilder("FROM alpine:3.20\nENV A0=x\n");
        for (int i = 1; i < 60; i++) {
            text.append("ENV A").append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }
        DockerfileModel model = model(text.toString());
        assertThat(model.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.message())
                .isEqualTo("the value expands to more than 1048576 characters (variables that double each other?)"));
        assertThat(model.diagnostics().get(0).line()).isEqualTo(23); // A21 would be 2^21 characters
    }

    @Test
    void envPairsOfOneInstructionSeeTheValuesBeforeIt() {
        Stage stage = model("""
                FROM alpine
                ENV A=old
                ENV A=new B=$A
                """).stages().get(0);
        assertThat(stage.variables().of(Variables.Kind.ENV)).containsExactly(Map.entry("A", "new"), Map.entry("B", "old"));
    }

    @Test
    void workdirUserAndShellAreTrackedPerInstruction() {
        DockerfileModel model = model("""
                FROM debian
                WORKDIR /app
                WORKDIR src/../lib
                USER app:app
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN echo hi | tee x
                COPY requirements.txt .
                CMD python -m notes
                """);
        Stage stage = model.stages().get(0);
        assertThat(stage.config().workdir().value()).isEqualTo("/app/lib");
        assertThat(stage.config().user().value()).isEqualTo("app:app");
        Step run = stage.steps().stream().filter(s -> s.instruction().kind() == InstructionKind.RUN).findFirst().orElseThrow();
        assertThat(run.user().value()).isEqualTo("app:app");
        assertThat(run.shell().value()).containsExactly("/bin/bash", "-o", "pipefail", "-c");
        assertThat(stage.runs().get(0).argv()).containsExactly("/bin/bash", "-o", "pipefail", "-c", "echo hi | tee x");
        assertThat(stage.copies().get(0).containerPath()).isEqualTo("/app/lib/");
        assertThat(stage.config().cmd().execForm()).isFalse();
        assertThat(stage.config().cmd().argv()).containsExactly("/bin/bash", "-o", "pipefail", "-c", "python -m notes");
    }

    @Test
    void stagesBuiltOnStagesInheritConfigurationAndVariables() {
        DockerfileModel model = model("""
                FROM python:3.12 AS base
                ARG APP=/srv
                ENV HOME_DIR=$APP
                USER 1000
                CMD ["python", "app.py"]
                FROM base
                ENTRYPOINT ["tini", "--"]
                """);
        Stage last = model.stages().get(1);
        assertThat(last.config().user().value()).isEqualTo("1000");
        assertThat(last.variables().lookup("HOME_DIR")).isEqualTo("/srv");
        assertThat(last.variables().lookup("APP")).isEqualTo("/srv");
        assertThat(last.config().entrypoint().argv()).containsExactly("tini", "--");
        assertThat(last.config().cmd()).as("ENTRYPOINT resets an inherited CMD").isNull();
    }

    @Test
    void cmdSetInTheSameStageSurvivesEntrypoint() {
        Stage stage = model("""
                FROM node:22
                CMD ["server.js"]
                ENTRYPOINT ["node"]
                """).stages().get(0);
        assertThat(stage.config().cmd().argv()).containsExactly("server.js");
    }

    @Test
    void healthcheckFlagsAreParsed() {
        Stage stage = model("""
                FROM python:3.12-slim
                HEALTHCHECK --interval=30s --timeout=5s --start-period=1m --retries=4 \\
                  CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
                """).stages().get(0);
        HealthcheckSpec health = stage.config().healthcheck();
        assertThat(health.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(health.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(health.startPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(health.retries()).isEqualTo(4);
        assertThat(health.test().execForm()).isFalse();
        assertThat(health.test().argv().get(0)).isEqualTo("/bin/sh");
    }

    @Test
    void healthcheckNoneDisablesTheProbe() {
        Stage stage = model("FROM alpine\nHEALTHCHECK NONE\n").stages().get(0);
        assertThat(stage.config().healthcheck().disabled()).isTrue();
    }

    @Test
    void exposeSplitsExpandedWordsAndTargetSelectsAStage() {
        DockerfileModel model = model("""
                FROM alpine AS one
                ARG PORTS="80 443/tcp"
                EXPOSE $PORTS 8080 9000:9090 127.0.0.1:5000:5432/tcp
                FROM alpine AS two
                """, BuildOptions.DEFAULT.withTarget("one"));
        assertThat(model.targetStage().orElseThrow().name()).isEqualTo("one");
        assertThat(model.stages().get(0).config().exposedPorts()).extracting(Setting::value)
                .containsExactly("80", "443/tcp", "8080", "9090", "5432/tcp");
    }

    @Test
    void problemsBecomeDiagnosticsAndReadingGoesOn() {
        DockerfileModel model = model("""
                RUN echo too early
                FROM alpine
                FORM typo
                SHELL /bin/bash -c
                ENV X=${MISSING:?required}
                USER nobody
                """);
        assertThat(model.diagnostics()).extracting(d -> d.line() + ": " + d.message())
                .anySatisfy(m -> assertThat(m).startsWith("1: no build stage"))
                .anySatisfy(m -> assertThat(m).startsWith("3: unknown instruction: FORM"))
                .anySatisfy(m -> assertThat(m).startsWith("4: SHELL requires"))
                .anySatisfy(m -> assertThat(m).startsWith("5: "));
        assertThat(model.stages().get(0).config().user().value()).isEqualTo("nobody");
    }

    @Test
    void unknownWordsAreReportedAsBuildKitDoesWithWhatTheLineLikelyIs() {
        DockerfileModel model = model("""
                docker build -t shop/api .
                FROM alpine
                CMD['sh', 'run.sh']
                COPPY . /app
                """);
        assertThat(model.diagnostics()).extracting(d -> d.line() + ": " + d.message()).containsExactly(
                "1: unknown instruction: docker (a command outside RUN: write RUN docker ..., or # before it if it"
                        + " is a note)",
                "3: unknown instruction: CMD['sh', (the keyword CMD needs a space before its arguments)",
                "4: unknown instruction: COPPY (did you mean COPY?)");
    }

    @Test
    void aComposeFileUnderADockerfileNameIsOneError() {
        DockerfileModel model = model("""
                services:
                  web:
                    build: .
                """);
        assertThat(model.diagnostics()).extracting(d -> d.line() + ": " + d.message()).containsExactly(
                "1: unknown instruction: services: (the file holds YAML, not Dockerfile instructions: a compose file"
                        + " under a Dockerfile's name; Docker stops at its first line)");
        assertThat(model.stages()).isEmpty();
    }

    @Test
    void automaticPlatformArgsAreGlobal() {
        DockerfileModel model = model("""
                FROM --platform=$BUILDPLATFORM golang:1.23 AS build
                ARG TARGETARCH
                ENV GOARCH=$TARGETARCH
                """);
        Stage stage = model.stages().get(0);
        assertThat(stage.platform()).isEqualTo("linux/amd64");
        assertThat(stage.variables().lookup("GOARCH")).isEqualTo("amd64");
    }

    @Test
    void containerPathsResolveAgainstTheWorkdir() {
        assertThat(ContainerPaths.resolve("/app", ".")).isEqualTo("/app/");
        assertThat(ContainerPaths.resolve("/app", "src/")).isEqualTo("/app/src/");
        assertThat(ContainerPaths.resolve("/app", "/etc/x.conf")).isEqualTo("/etc/x.conf");
        assertThat(ContainerPaths.resolve("/", "./")).isEqualTo("/");
        assertThat(ContainerPaths.clean("/a//b/./../c")).isEqualTo("/a/c");
    }

    @Test
    void runScriptsAreParsedWithPositionsInTheDockerfile() {
        DockerfileModel model = model("""
                FROM debian:12
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN apt-get update && \\
                    apt-get install -y \\
                      --no-install-recommends curl | tee /log
                """);
        CommandSpec run = model.stages().get(0).runs().get(0);
        var script = model.script(run).orElseThrow();
        assertThat(script).isSameAs(model.script(run).orElseThrow());
        var install = script.commands("apt-get").get(1);
        assertThat(install.subcommand()).contains("install");
        var flag = install.flag("--no-install-recommends").orElseThrow();
        assertThat(flag.span().startLine()).isEqualTo(5);
        assertThat(flag.span().startColumn()).isEqualTo(7);
        assertThat(install.pipefail()).isTrue();
    }

    @Test
    void heredocRunScriptsAreParsedToo() {
        DockerfileModel model = model("""
                FROM alpine
                RUN <<EOF
                set -e
                apk add --no-cache curl
                EOF
                """);
        var script = model.script(model.stages().get(0).runs().get(0)).orElseThrow();
        var apk = script.commands("apk").get(0);
        assertThat(apk.span().startLine()).isEqualTo(4);
        assertThat(apk.hasFlag("--no-cache")).isTrue();
    }

    @Test
    void execFormAndPowerShellHaveNoPosixScript() {
        DockerfileModel model = model("""
                FROM mcr.microsoft.com/windows/servercore
                RUN ["cmd", "/c", "echo hi"]
                SHELL ["powershell", "-Command"]
                RUN Write-Host hi
                """);
        DockerfileModel python = model("FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nprint('hi')\nEOF\n");
        assertThat(python.script(python.stages().get(0).runs().get(0))).isEmpty();
        assertThat(model.stages().get(0).runs()).allSatisfy(run -> assertThat(model.script(run)).isEmpty());
    }
}
