package dev.drydock.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilePragmasTest {

    private static final Set<String> APT = Set.of("apt-no-install-recommends");

    private static FilePragmas dockerfile(String text) {
        return FilePragmas.ofDockerfile(DockerfileParser.parse(SourceFile.of("Dockerfile", text)));
    }

    private static List<String> ranges(FilePragmas pragmas) {
        return pragmas.pragmas().stream().map(c -> c.fromLine() + "-" + c.toLine()).toList();
    }

    @Test
    void aCommentCoversTheWholeNextInstructionAcrossCommentsAndBlankLines() {
        FilePragmas p = dockerfile("""
                FROM debian:12.7-slim
                # drydock ignore=apt-no-install-recommends

                # why: the fonts come as recommended packages
                RUN apt-get update \\
                    && apt-get install -y fonts-dejavu
                RUN true
                """);
        assertThat(ranges(p)).containsExactly("5-6");
        assertThat(p.covers(6, APT)).isTrue();
        assertThat(p.covers(7, APT)).isFalse();
        assertThat(p.covers(6, Set.of("runs-as-root"))).isFalse();
    }

    @Test
    void aCommentInsideAnInstructionCoversTheRestOfIt() {
        FilePragmas p = dockerfile("""
                FROM debian:12.7-slim
                RUN apt-get update \\
                    # drydock ignore=apt-no-install-recommends
                    && apt-get install -y fonts-dejavu \\
                    && rm -rf /var/lib/apt/lists/*
                """);
        assertThat(ranges(p)).containsExactly("4-5");
    }

    @Test
    void hadolintFormsStageAndGlobal() {
        FilePragmas p = dockerfile("""
                FROM debian:12.7-slim AS build
                # hadolint stage ignore=DL3015
                RUN apt-get install -y gcc
                RUN apt-get install -y make

                FROM debian:12.7-slim
                RUN apt-get install -y curl
                # hadolint global ignore=DL3002 # the base image sets its user
                """);
        assertThat(ranges(p)).containsExactly("3-5", "1-9");
        assertThat(p.covers(4, APT)).isTrue();
        assertThat(p.covers(7, APT)).isFalse();
        assertThat(p.covers(0, Set.of("runs-as-root"))).as("a global comment covers the file itself").isTrue();
    }

    @Test
    void namesAreSeparatedByCommasOrSpacesAndARemarkMayFollow() {
        SourceFile file = SourceFile.of("Dockerfile", "#  drydock ignore = a-rule ,DL3015  b-rule # because\n");
        Pragma pragma = Pragma.parse(file, 0, file.lineEnd(1));
        assertThat(pragma.names()).extracting(Pragma.Name::text).containsExactly("a-rule", "DL3015", "b-rule");
        assertThat(pragma.names().get(1).span().startColumn()).isEqualTo(29);
        assertThat(Pragma.parse(SourceFile.of("x", "# drydock is great; ignore=x\n"), 0, 28)).isNull();
        assertThat(Pragma.parse(SourceFile.of("x", "# eslint ignore=x\n"), 0, 17)).isNull();
    }

    @Test
    void composeCommentsCoverAKeyWithItsBlock() {
        FilePragmas p = FilePragmas.ofText(SourceFile.of("compose.yaml", """
                services:
                  # drydock ignore=restart-policy
                  web:
                    image: example/web:1.4.2
                    ports:
                    - "8080:8080"

                    # a comment inside the block
                    environment:
                      MODE: production
                  worker:  # drydock ignore=restart-policy
                    image: example/worker:1.4.2
                  api:
                    image: example/api:1.4.2
                    ports: # drydock ignore=compose-ports
                    - "80:80"
                    - "443:443"
                    user: "10001"
                """));
        assertThat(ranges(p)).containsExactly("3-10", "11-12", "15-17");
    }

    @Test
    void otherFilesCoverTheNextLine() {
        FilePragmas p = FilePragmas.ofText(SourceFile.of("requirements.txt", """
                # drydock ignore=requirements-unpinned

                flask
                gunicorn
                """));
        assertThat(ranges(p)).containsExactly("3-3");
    }
}
