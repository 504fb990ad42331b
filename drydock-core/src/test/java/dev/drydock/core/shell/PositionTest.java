package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans map back through the instruction text to the Dockerfile's lines and columns. */
class PositionTest {

    private static final String DOCKERFILE = """
            FROM debian:12
            RUN apt-get update \\
                && apt-get install -y \\
                   --no-install-recommends \\
                   curl \\
                # keep the image small
                && rm -rf /var/lib/apt/lists/*
            CMD ["app"]
            """;

    private static String at(Span span) {
        return span.startLine() + ":" + span.startColumn() + "-" + span.endLine() + ":" + span.endColumn();
    }

    @Test
    void wordsOfAMultiLineRunMapToTheirPhysicalLines() {
        SourceFile file = SourceFile.of("Dockerfile", DOCKERFILE);
        MappedText run = Snippets.instruction(file, "RUN");
        assertThat(run.text()).doesNotContain("\\\n").doesNotContain("keep the image");
        ShellScript script = ShellScript.parse(run);
        assertThat(script.problems()).isEmpty();
        List<Command> cs = script.commands();
        assertThat(cs).extracting(Command::name).containsExactly("apt-get", "apt-get", "rm");

        Command install = cs.get(1);
        Word flag = install.flag("--no-install-recommends").orElseThrow();
        assertThat(at(flag.span())).isEqualTo("4:8-4:31");
        assertThat(file.text(flag.span())).isEqualTo("--no-install-recommends");
        assertThat(at(install.span())).isEqualTo("3:8-5:12");
        assertThat(at(install.program().orElseThrow().span())).isEqualTo("3:8-3:15");
        assertThat(at(install.arguments().get(3).span())).isEqualTo("5:8-5:12");
        assertThat(at(cs.get(0).span())).isEqualTo("2:5-2:19");
        assertThat(at(cs.get(2).span())).isEqualTo("7:8-7:35");
        assertThat(at(script.body().span())).isEqualTo("2:5-7:35");
    }

    @Test
    void problemsMapToo() {
        SourceFile file = SourceFile.of("Dockerfile", "FROM x\nRUN echo ok \\\n  && echo \"oops \\\n  && ls\n");
        ShellScript script = ShellScript.parse(Snippets.instruction(file, "RUN"));
        assertThat(script.problems()).singleElement().satisfies(p -> assertThat(at(p.span())).isEqualTo("3:11-3:12"));
    }

    @Test
    void hereDocumentScript() {
        String text = "FROM alpine\nRUN <<EOF\nset -eu\napk add --no-cache curl\nwget -q -O- x | sh\nEOF\n";
        SourceFile file = SourceFile.of("Dockerfile", text);
        int bodyStart = file.lineStart(3);
        int bodyEnd = file.lineStart(6);
        ShellScript script = ShellScript.parse(MappedText.of(file, bodyStart, bodyEnd));
        assertThat(script.problems()).isEmpty();
        List<Command> cs = script.commands();
        assertThat(cs).extracting(Command::name).containsExactly("set", "apk", "wget", "sh");
        assertThat(at(cs.get(1).flag("--no-cache").orElseThrow().span())).isEqualTo("4:9-4:19");
        assertThat(cs.get(2).errexit()).isTrue();
        assertThat(cs.get(2).pipefail()).isFalse();
        assertThat(at(cs.get(3).span())).isEqualTo("5:17-5:19");
    }

    @Test
    void hereDocumentInsideARunCommand() {
        String text = "FROM alpine\nRUN cat <<EOF > /etc/motd && chmod 644 /etc/motd\nbuilt by $(whoami)\nEOF\nUSER app\n";
        SourceFile file = SourceFile.of("Dockerfile", text);
        MappedText run = Snippets.instruction(file, "RUN");
        ShellScript script = ShellScript.parse(run);
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("whoami", "cat", "chmod");
        assertThat(at(script.commands().get(0).span())).isEqualTo("3:12-3:18");
        HereDoc doc = script.commands().get(1).redirects().get(0).hereDoc();
        assertThat(at(doc.bodySpan())).isEqualTo("3:1-3:19");
        assertThat(at(script.commands().get(1).span())).isEqualTo("2:5-2:26");
    }

    @Test
    void nestedShellStringsMapInsideTheQuotes() {
        String text = "FROM x\nRUN bash -xc 'for p in $PLATFORMS; do \\\n      GOOS=${p%/*} ./make.bash; done'\n";
        SourceFile file = SourceFile.of("Dockerfile", text);
        ShellScript script = ShellScript.parse(Snippets.instruction(file, "RUN"));
        assertThat(script.problems()).isEmpty();
        Command make = script.commands().get(1);
        assertThat(make.name()).isEqualTo("make.bash");
        assertThat(make.assignments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("GOOS");
            assertThat(at(a.span())).isEqualTo("3:7-3:19");
        });
        assertThat(at(make.program().orElseThrow().span())).isEqualTo("3:20-3:31");
        assertThat(make.shellOptions().xtrace()).isTrue();
    }

    @Test
    void otherInstructionsAndCrLf() {
        SourceFile file = SourceFile.of("Dockerfile",
                "FROM x\r\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\r\nCMD exec gunicorn \\\r\n  app:app\r\n");
        int start = file.lineStart(2) + "HEALTHCHECK CMD ".length();
        ShellScript health = ShellScript.parse(Snippets.join(file, start));
        assertThat(health.problems()).isEmpty();
        assertThat(health.commands()).extracting(Command::name).containsExactly("curl", "exit");
        assertThat(at(health.commands().get(1).span())).isEqualTo("2:46-2:52");
        ShellScript cmd = ShellScript.parse(Snippets.instruction(file, "CMD"));
        assertThat(cmd.problems()).isEmpty();
        Command gunicorn = cmd.commands().get(0);
        assertThat(gunicorn.name()).isEqualTo("gunicorn");
        assertThat(gunicorn.wrappers()).extracting(Word::raw).containsExactly("exec");
        assertThat(at(gunicorn.arguments().get(0).span())).isEqualTo("4:3-4:10");
    }

    @Test
    void rawScriptWithContinuationsKeepsLines() {
        ShellScript script = Snippets.script("apt-get update && \\\n  apt-get install \\\n    -y git");
        assertThat(script.problems()).isEmpty();
        Command install = script.commands().get(1);
        assertThat(at(install.flag("-y").orElseThrow().span())).isEqualTo("3:5-3:7");
        assertThat(at(install.span())).isEqualTo("2:3-3:11");
        assertThat(install.arguments().get(0).raw()).isEqualTo("install");
    }
}
