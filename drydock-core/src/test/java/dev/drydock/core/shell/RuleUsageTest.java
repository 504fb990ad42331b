package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Realistic RUN instructions queried the way review rules will. */
class RuleUsageTest {

    private static ShellScript run(String dockerfile) {
        return ShellScript.parse(Snippets.instruction(SourceFile.of("Dockerfile", dockerfile), "RUN"));
    }

    private static ShellScript run(String dockerfile, List<String> shell) {
        return ShellScript.parse(Snippets.instruction(SourceFile.of("Dockerfile", dockerfile), "RUN"),
                ShellOptions.ofShellCommand(shell));
    }

    /** apt-get install without --no-install-recommends: the lines of the offending commands. */
    private static List<Integer> installsWithRecommends(ShellScript script) {
        return script.commands("apt-get").stream()
                .filter(c -> c.options("-o", "-t", "-c").subcommand().orElse("").equals("install"))
                .filter(c -> !c.hasFlag("--no-install-recommends")
                        && !c.argumentValues().contains("APT::Install-Recommends=false"))
                .map(c -> c.span().startLine())
                .toList();
    }

    @Test
    void aptGetInstallFlags() {
        ShellScript script = run("""
                FROM debian:12
                RUN apt-get update \\
                 && apt-get -o Dpkg::Options::=--force-confnew install -qy curl=7.88.1-10 \\
                 && sudo apt-get install --no-install-recommends -y git \\
                 && DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y \\
                      ca-certificates \\
                 && rm -rf /var/lib/apt/lists/*
                """);
        assertThat(script.problems()).isEmpty();
        assertThat(installsWithRecommends(script)).containsExactly(3, 5);
        Command first = script.commands("apt-get").get(1);
        assertThat(first.hasFlag("-y", "--yes", "--assume-yes")).isTrue();
        CommandOptions o = first.options("-o", "-t", "-c");
        assertThat(o.operands().subList(1, o.operands().size())).extracting(Word::value).containsExactly("curl=7.88.1-10");
        Command last = script.commands("apt-get").get(3);
        assertThat(last.assignments()).extracting(Assignment::name).containsExactly("DEBIAN_FRONTEND");
        Word pkg = last.operands().get(1);
        assertThat(pkg.value()).isEqualTo("ca-certificates");
        assertThat(pkg.span().startLine()).isEqualTo(6);
        assertThat(pkg.value().contains("=")).isFalse();
    }

    /** A pipe without pipefail (hadolint DL4006), honouring SHELL and set -o pipefail inside the RUN. */
    private static List<Command> unsafePipes(ShellScript script) {
        return script.commands().stream().filter(c -> c.inPipeline() && c.pipelineIndex() == 0 && !c.pipefail()).toList();
    }

    @Test
    void pipesAndPipefail() {
        String plain = "FROM x\nRUN curl -fsSL https://example.com/setup.sh | bash -\n";
        assertThat(unsafePipes(run(plain))).extracting(Command::name).containsExactly("curl");
        assertThat(unsafePipes(run(plain, List.of("/bin/bash", "-o", "pipefail", "-c")))).isEmpty();
        assertThat(unsafePipes(run("FROM x\nRUN set -o pipefail && wget -qO- https://x | tar xz\n"))).isEmpty();
        assertThat(unsafePipes(run("FROM x\nRUN set -euo pipefail; wget -qO- https://x | tar xz\n"))).isEmpty();
        assertThat(unsafePipes(run("FROM x\nRUN bash -o pipefail -c 'wget -qO- https://x | tar xz'\n"))).isEmpty();
        assertThat(unsafePipes(run("FROM x\nRUN bash -c 'wget -qO- https://x | tar xz'\n")))
                .singleElement().satisfies(c -> assertThat(c.in(Scope.NESTED_SHELL)).isTrue());
        // piping into a shell: the downloaded script is not visible, and the curl is the first command
        ShellScript curlSh = run(plain);
        Command sh = curlSh.commands().get(1);
        assertThat(sh.name()).isEqualTo("bash");
        assertThat(sh.pipelineIndex()).isEqualTo(1);
        assertThat(sh.nestedScript()).isEmpty();
    }

    @Test
    void heredocScriptWithoutErrexit() {
        String text = "FROM alpine\nRUN <<EOF\n#!/bin/sh\napk add --no-cache curl\ncurl -o /x https://x\nEOF\n";
        SourceFile file = SourceFile.of("Dockerfile", text);
        ShellScript script = ShellScript.parse(MappedText.of(file, file.lineStart(3), file.lineStart(6)));
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name).containsExactly("apk", "curl");
        Optional<Command> unchecked = script.commands().stream()
                .filter(c -> c.followedBy() == Connector.SEQUENCE && !c.errexit()).findFirst();
        assertThat(unchecked).hasValueSatisfying(c -> assertThat(c.span().startLine()).isEqualTo(4));
    }

    @Test
    void cdOutsideSubshellAndConditionals() {
        ShellScript script = run("""
                FROM x
                RUN cd /src && make \\
                 && (cd /docs && make html) \\
                 && if [ -d /opt ]; then cd /opt; fi
                """);
        List<Span> cds = script.commands("cd").stream()
                .filter(c -> !c.in(Scope.SUBSHELL))
                .map(Command::span)
                .toList();
        assertThat(cds).extracting(Span::startLine).containsExactly(2, 4);
    }

    @Test
    void commandSubstitutionsAndNestedScriptsAreSearchedToo() {
        ShellScript script = run("""
                FROM x
                RUN ARCH="$(dpkg --print-architecture)" \\
                 && su app -c 'pip install --user flask' \\
                 && for f in $(ls /patches/*.diff); do patch -p1 < "$f"; done
                """);
        assertThat(script.problems()).isEmpty();
        assertThat(script.commands()).extracting(Command::name)
                .containsExactly("dpkg", "", "su", "pip", "ls", "patch");
        Command pip = script.commands("pip").get(0);
        assertThat(pip.invokedBy()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("su"));
        assertThat(pip.subcommand()).contains("install");
        assertThat(pip.span().startLine()).isEqualTo(3);
        assertThat(pip.span().startColumn()).isEqualTo(16);
    }

    @Test
    void errexitScopedToTheShellThatSetIt() {
        ShellScript script = run("FROM x\nRUN set -e; false || true; sh -c 'false; echo still here'; echo end\n");
        List<Command> cs = script.commands();
        assertThat(cs).extracting(Command::name).containsExactly("set", "false", "true", "sh", "false", "echo", "echo");
        assertThat(cs).extracting(Command::errexitApplies).containsExactly(false, false, true, true, false, false, true);
    }
}
