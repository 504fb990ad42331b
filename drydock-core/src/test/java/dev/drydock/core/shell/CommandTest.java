package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The flattened commands: program names, wrappers, options, context and nested scripts. */
class CommandTest {

    static List<Command> commands(String script) {
        ShellScript parsed = Snippets.script(script);
        assertThat(parsed.problems()).as("problems in %s", script).isEmpty();
        return parsed.commands();
    }

    static Command first(String script) {
        return commands(script).get(0);
    }

    @Test
    void programIsTheBaseName() {
        assertThat(first("/usr/bin/apt-get install x").name()).isEqualTo("apt-get");
        assertThat(first("./configure --prefix=/usr").name()).isEqualTo("configure");
        assertThat(first("\"$PIP\" install x").name()).isEqualTo("$PIP");
        assertThat(first("\"$PIP\" install x").program()).hasValueSatisfying(w -> assertThat(w.isLiteral()).isFalse());
        assertThat(first("A=1 >/dev/null").name()).isEmpty();
        assertThat(first("A=1 >/dev/null").program()).isEmpty();
        assertThat(first("A=1 >/dev/null").arguments()).isEmpty();
    }

    @Test
    void wrappersAreSeenThrough() {
        String text = "sudo -E -u root DEBIAN_FRONTEND=noninteractive env -i PATH=/bin nice -n 10 "
                + "timeout -s KILL 60 /usr/bin/apt-get -y install curl";
        Command c = first(text);
        assertThat(c.name()).isEqualTo("apt-get");
        assertThat(c.wrappers()).extracting(Word::value).containsExactly("sudo", "env", "nice", "timeout");
        assertThat(c.assignments()).extracting(Assignment::name).containsExactly("DEBIAN_FRONTEND", "PATH");
        assertThat(c.argumentValues()).containsExactly("-y", "install", "curl");
        assertThat(c.words()).hasSize(19);
        assertThat(c.program()).hasValueSatisfying(w -> assertThat(w.span().startColumn())
                .isEqualTo(text.indexOf("/usr/bin/apt-get") + 1));
    }

    @Test
    void moreWrappers() {
        assertThat(first("exec java -jar app.jar").name()).isEqualTo("java");
        assertThat(first("exec -a name java").name()).isEqualTo("java");
        assertThat(first("exec >/dev/null 2>&1").name()).isEqualTo("exec");
        assertThat(first("command -v curl").name()).isEqualTo("command");
        assertThat(first("command apt-get update").name()).isEqualTo("apt-get");
        assertThat(first("xargs -r -n 1 -I {} rm {}").name()).isEqualTo("rm");
        assertThat(first("xargs").name()).isEqualTo("xargs");
        assertThat(first("gosu app node server.js").name()).isEqualTo("node");
        assertThat(first("su-exec app:app node").name()).isEqualTo("node");
        assertThat(first("tini -- nginx -g 'daemon off;'").name()).isEqualTo("nginx");
        assertThat(first("dumb-init --single-child -- app").name()).isEqualTo("app");
        assertThat(first("busybox wget -q x").name()).isEqualTo("wget");
        assertThat(first("time -p make").name()).isEqualTo("make");
        assertThat(first("nohup app &").name()).isEqualTo("app");
        assertThat(first("env").name()).isEqualTo("env");
        assertThat(first("env A=1").name()).isEqualTo("env");
        assertThat(first("env A=1").assignments()).isEmpty();
        assertThat(first("sudo -l").name()).isEqualTo("sudo");
        assertThat(first("stdbuf -oL python app.py").name()).isEqualTo("python");
        assertThat(first("chroot /mnt /bin/sh -c true").name()).isEqualTo("sh");
        assertThat(first("doas -u app make").name()).isEqualTo("make");
    }

    @Test
    void flagsAndClusters() {
        Command c = first("apt-get -qy --no-install-recommends install -o Dpkg::Options::=--force-confold "
                + "--target-release=bookworm curl=7.88 -- -notaflag");
        assertThat(c.hasFlag("-y")).isTrue();
        assertThat(c.hasFlag("-q")).isTrue();
        assertThat(c.hasFlag("--yes", "-y")).isTrue();
        assertThat(c.hasFlag("--no-install-recommends")).isTrue();
        assertThat(c.hasFlag("--target-release")).isTrue();
        assertThat(c.hasFlag("-notaflag")).isFalse();
        assertThat(c.hasFlag("--force-confold")).isFalse();
        assertThat(c.flagValue("--target-release")).contains("bookworm");
        assertThat(c.flagValue("-o")).contains("Dpkg::Options::=--force-confold");
        assertThat(c.flag("--no-install-recommends")).hasValueSatisfying(w -> {
            assertThat(w.span().startColumn()).isEqualTo(13);
            assertThat(w.raw()).isEqualTo("--no-install-recommends");
        });
        assertThat(c.subcommand()).contains("install");
        // without knowing that -o takes a value, its value reads as an operand
        assertThat(c.operands()).extracting(Word::value).containsExactly("install", "Dpkg::Options::=--force-confold",
                "curl=7.88", "-notaflag");
        CommandOptions o = c.options("-o", "-t");
        assertThat(o.operands()).extracting(Word::value).containsExactly("install", "curl=7.88", "-notaflag");
        assertThat(o.value("-o")).contains("Dpkg::Options::=--force-confold");
    }

    @Test
    void subcommandAfterOptions() {
        assertThat(first("apt-get -y install x").subcommand()).contains("install");
        assertThat(first("apt-get -o X=1 install x").options("-o").subcommand()).contains("install");
        assertThat(first("npm ci").subcommand()).contains("ci");
        assertThat(first("ls -la").subcommand()).isEmpty();
    }

    @Test
    void shortOptionValues() {
        Command c = first("tar -xzf archive.tgz -C /opt");
        assertThat(c.flagValue("-C")).contains("/opt");
        assertThat(c.options("-f", "-C").value("-f")).contains("archive.tgz");
        assertThat(c.options("-f", "-C").operands()).isEmpty();
        assertThat(first("pip install -rrequirements.txt").flagValue("-r")).contains("requirements.txt");
        assertThat(first("useradd -u 100000 app").flagValue("-u")).contains("100000");
    }

    @Test
    void repeatedOptions() {
        Command c = first("apt-get -qq install -q x");
        assertThat(c.options().count("-q")).isEqualTo(3);
        assertThat(first("gem install --version 1 a --version=2 b").options("--version").values("--version"))
                .containsExactly("1", "2");
    }

    @Test
    void singleDashLongOptions() {
        Command c = first("find / -name '*.pyc' -delete");
        assertThat(c.hasFlag("-name")).isTrue();
        assertThat(c.hasFlag("-delete")).isTrue();
        assertThat(c.options("-name").value("-name")).contains("*.pyc");
    }

    @Test
    void pipelineContext() {
        List<Command> cs = commands("curl -fsSL https://x.sh | bash -s -- --yes | tee log");
        assertThat(cs).extracting(Command::pipelineIndex).containsExactly(0, 1, 2);
        assertThat(cs).allSatisfy(c -> {
            assertThat(c.pipelineSize()).isEqualTo(3);
            assertThat(c.inPipeline()).isTrue();
            assertThat(c.pipefail()).isFalse();
        });
        assertThat(first("echo x").inPipeline()).isFalse();
    }

    @Test
    void connectorsAndConditions() {
        List<Command> cs = commands("a && b || c; d & e\n! f");
        assertThat(cs).extracting(Command::name).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(cs).extracting(Command::precededBy).containsExactly(Connector.NONE, Connector.AND, Connector.OR,
                Connector.SEQUENCE, Connector.BACKGROUND, Connector.SEQUENCE);
        assertThat(cs).extracting(Command::followedBy).containsExactly(Connector.AND, Connector.OR, Connector.SEQUENCE,
                Connector.BACKGROUND, Connector.SEQUENCE, Connector.NONE);
        assertThat(cs).extracting(Command::inCondition).containsExactly(true, true, false, false, false, true);
        assertThat(cs).extracting(Command::background).containsExactly(false, false, false, true, false, false);
        assertThat(cs.get(5).negated()).isTrue();
    }

    @Test
    void conditionsOfIfAndLoops() {
        List<Command> cs = commands("set -e; if grep -q x f && true; then a; fi; while b; do c; done; until d; do :; done");
        assertThat(cs).extracting(Command::name).containsExactly("set", "grep", "true", "a", "b", "c", "d", ":");
        assertThat(cs).extracting(Command::inCondition).containsExactly(false, true, true, false, true, false, true,
                false);
        assertThat(cs).extracting(Command::errexitApplies).containsExactly(false, false, false, true, false, true,
                false, true);
        assertThat(cs.get(1).scopes()).containsExactly(Scope.IF_CONDITION);
        assertThat(cs.get(4).scopes()).containsExactly(Scope.LOOP_CONDITION);
    }

    @Test
    void errexitAndPipefailAreTracked() {
        List<Command> cs = commands("""
                a
                set -eux
                b
                set -o pipefail
                c | d
                set +e; set +o pipefail
                e
                set -euo pipefail
                f
                set -o errexit -o nounset
                g
                """);
        assertThat(cs).filteredOn(c -> !c.is("set")).extracting(Command::name)
                .containsExactly("a", "b", "c", "d", "e", "f", "g");
        List<Command> work = cs.stream().filter(c -> !c.is("set")).toList();
        assertThat(work).extracting(Command::errexit).containsExactly(false, true, true, true, false, true, true);
        assertThat(work).extracting(Command::pipefail).containsExactly(false, false, true, true, false, true, true);
        assertThat(work.get(1).shellOptions().xtrace()).isTrue();
        assertThat(work.get(5).shellOptions().nounset()).isTrue();
    }

    @Test
    void initialOptionsComeFromTheShell() {
        ShellOptions bash = ShellOptions.ofShellCommand(List.of("/bin/bash", "-o", "pipefail", "-c"));
        assertThat(bash.pipefail()).isTrue();
        assertThat(bash.errexit()).isFalse();
        ShellScript script = Snippets.script("wget -O - x | tar xz", bash);
        assertThat(script.commands()).allMatch(Command::pipefail);
        assertThat(Snippets.script("wget -O - x | tar xz").commands()).noneMatch(Command::pipefail);
        assertThat(script.finalOptions()).isEqualTo(bash);
    }

    @Test
    void optionChangesInSubshellsAndSubstitutionsDontLeak() {
        List<Command> cs = commands("(set -e); x=$(set -o pipefail); set -e | cat; set -e & f() { set -e; }; a");
        Command a = cs.get(cs.size() - 1);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.errexit()).isFalse();
        assertThat(a.pipefail()).isFalse();
        List<Command> group = commands("{ set -e; }; if true; then set -o pipefail; fi; a");
        assertThat(group.get(group.size() - 1).errexit()).isTrue();
        assertThat(group.get(group.size() - 1).pipefail()).isTrue();
    }

    @Test
    void nestedShellScripts() {
        ShellScript script = Snippets.script("bash -o pipefail -ec 'apt-get update && curl x | sh' arg0");
        assertThat(script.problems()).isEmpty();
        List<Command> cs = script.commands();
        assertThat(cs).extracting(Command::name).containsExactly("bash", "apt-get", "curl", "sh");
        Command bash = cs.get(0);
        assertThat(bash.nestedScript()).isPresent();
        Command aptGet = cs.get(1);
        assertThat(aptGet.invokedBy()).contains(bash);
        assertThat(aptGet.scopes()).containsExactly(Scope.NESTED_SHELL);
        assertThat(aptGet.errexit()).isTrue();
        assertThat(cs.get(2).pipefail()).isTrue();
        assertThat(aptGet.span().startColumn()).isEqualTo(23);
        assertThat(aptGet.span().endColumn()).isEqualTo(37);
        assertThat(aptGet.arguments().get(0).span().startColumn()).isEqualTo(31);
    }

    @Test
    void nestedScriptInDoubleQuotesMapsThroughEscapes() {
        String text = "sh -c \"echo \\\"hi\\\" && apt-get install -y \\$PKG\"";
        List<Command> cs = commands(text);
        assertThat(cs).extracting(Command::name).containsExactly("sh", "echo", "apt-get");
        Command echo = cs.get(1);
        assertThat(echo.arguments().get(0).value()).isEqualTo("hi");
        Command aptGet = cs.get(2);
        assertThat(aptGet.span().startColumn()).isEqualTo(text.indexOf("apt-get") + 1);
        assertThat(aptGet.arguments().get(2).raw()).isEqualTo("$PKG");
        assertThat(aptGet.arguments().get(2).span().startColumn()).isEqualTo(text.indexOf("\\$PKG") + 2);
    }

    @Test
    void nestedShellWithParameterExpansionsIsParsedButNotWithCommandSubstitutions() {
        assertThat(commands("sh -c \"apt-get install -y $PKGS\"")).extracting(Command::name)
                .containsExactly("sh", "apt-get");
        assertThat(commands("sh -c \"echo $(date)\"")).extracting(Command::name).containsExactly("date", "sh");
        assertThat(commands("sh script.sh -c x")).extracting(Command::name).containsExactly("sh");
        assertThat(commands("sh -c")).extracting(Command::name).containsExactly("sh");
        assertThat(commands("sudo -u app sh -c 'make install'")).extracting(Command::name)
                .containsExactly("sh", "make");
    }

    @Test
    void suAndEvalAndStdinScripts() {
        assertThat(commands("su app -c 'npm ci'")).extracting(Command::name).containsExactly("su", "npm");
        assertThat(commands("su - app --command 'npm ci'")).extracting(Command::name).containsExactly("su", "npm");
        List<Command> eval = commands("eval \"set -e\" ; eval apt-get 'install -y' x; a");
        assertThat(eval).extracting(Command::name).containsExactly("eval", "set", "eval", "apt-get", "a");
        assertThat(eval.get(3).argumentValues()).containsExactly("install", "-y", "x");
        assertThat(eval.get(3).in(Scope.EVAL)).isTrue();
        assertThat(eval.get(4).errexit()).isTrue();
        ShellScript heredoc = Snippets.script("bash <<'EOF'\nset -e\napt-get update\nEOF\n");
        assertThat(heredoc.commands()).extracting(Command::name).containsExactly("bash", "set", "apt-get");
        assertThat(heredoc.commands().get(2).errexit()).isTrue();
        assertThat(heredoc.commands().get(2).span().startLine()).isEqualTo(3);
        assertThat(commands("sh -s -- arg <<EOF\necho $HOME\nEOF")).extracting(Command::name)
                .containsExactly("sh", "echo");
        assertThat(commands("bash <<< 'make all'")).extracting(Command::name).containsExactly("bash", "make");
        assertThat(commands("bash < script.sh")).extracting(Command::name).containsExactly("bash");
    }

    @Test
    void commandsInsideWordsComeFirst() {
        List<Command> cs = commands("VERSION=$(cat /v) curl -o \"/tmp/$(basename x)\" \"${URL:-$(default_url)}\" > $(mktemp)");
        assertThat(cs).extracting(Command::name).containsExactly("mktemp", "cat", "basename", "default_url", "curl");
        assertThat(cs.get(0).in(Scope.COMMAND_SUBSTITUTION)).isTrue();
    }

    @Test
    void commandsByName() {
        ShellScript script = Snippets.script("apt-get update && apt install x && /usr/bin/apt-get clean");
        assertThat(script.commands("apt-get")).hasSize(2);
        assertThat(script.commands("apt-get", "apt")).hasSize(3);
    }

    @Test
    void functionBodiesAreListed() {
        List<Command> cs = commands("cleanup() { rm -rf /tmp/x; }\ntrap cleanup EXIT\ncleanup");
        assertThat(cs).extracting(Command::name).containsExactly("rm", "trap", "cleanup");
        assertThat(cs.get(0).scopes()).containsExactly(Scope.FUNCTION_BODY, Scope.BRACE_GROUP);
    }

    @Test
    void toStringShowsTheWords() {
        assertThat(first("apt-get  install   -y x").toString()).isEqualTo("apt-get install -y x");
    }

    @Test
    void testedFilesComeFromTestCommandsAndBashConditionals() {
        ShellScript parsed = Snippets.script("if [ -f yarn.lock ]; then yarn; elif test -e package-lock.json; then npm ci;"
                + " elif [[ -s pnpm-lock.yaml && -n \"$X\" ]]; then pnpm i; elif [[ -f \"$LOCK\" ]]; then :; fi;"
                + " [ -d node_modules ] || true");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.testedFiles()).containsExactly("yarn.lock", "package-lock.json", "pnpm-lock.yaml");
    }

    @Test
    void compoundRedirectionsReachTheCommandsInside() {
        List<Command> cs = commands("{ echo a; if true; then echo b; fi; } > /etc/app.conf; echo c > /tmp/x");
        assertThat(cs).extracting(Command::name).containsExactly("echo", "true", "echo", "echo");
        CommandNode group = cs.get(0).redirectedBy().get(0);
        assertThat(group).isInstanceOf(CommandNode.BraceGroup.class);
        assertThat(group.redirects()).extracting(r -> r.target().value()).containsExactly("/etc/app.conf");
        assertThat(cs.get(2).redirectedBy()).containsExactly(group);
        assertThat(cs.get(3).redirectedBy()).isEmpty();
        assertThat(commands("while read l; do echo $l; done < in.txt").get(1).redirectedBy()).hasSize(1);
    }

    @Test
    void eachCommandOfAPipelineKnowsTheOneFeedingIt() {
        List<Command> cs = commands("grep -rl x /etc/nginx | xargs sed -i s/x/y/ | { cat; } | tee out");
        assertThat(cs).extracting(Command::name).containsExactly("grep", "sed", "cat", "tee");
        assertThat(cs.get(0).pipedFrom()).isEmpty();
        assertThat(cs.get(1).pipedFrom()).contains(cs.get(0));
        assertThat(cs.get(2).pipedFrom()).isEmpty();
        assertThat(cs.get(3).pipedFrom()).isEmpty();
    }
}
