package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a start script may run and which variables it reads, from its parse. */
class ScriptRunsTest {

    private static List<String> names(String script) {
        return ScriptRuns.commands(ShellScript.parse(script)).stream().map(Command::name).toList();
    }

    @Test
    void commentsStringsAndHereDocumentsRunNothing() {
        String script = "#!/bin/sh\n# dockerd &\necho \"no cron -f here\"\ncat > /etc/motd <<EOF\ncrond -f\nEOF\nexec \"$@\"\n";
        assertThat(names(script)).doesNotContain("dockerd", "cron", "crond");
        assertThat(ScriptRuns.first(ShellScript.parse(script), "dockerd", "cron", "crond")).isEmpty();
    }

    @Test
    void programsOnAnyWayCount() {
        assertThat(names("if [ -n \"$CRON\" ]; then cron; fi\nexec \"$@\"")).contains("cron");
        assertThat(names("start() { dockerd & }\nstart\nexec \"$@\"")).contains("dockerd");
        assertThat(names("sh -c 'crond -f -l 2' &\nexec node server.js")).contains("crond");
    }

    @Test
    void aFunctionNeverCalledAndWhatFollowsTheExecDoNotRun() {
        assertThat(names("daemon() { dockerd; }\nexec node server.js")).doesNotContain("dockerd");
        assertThat(names("exec node server.js\ncron -f")).doesNotContain("cron");
        assertThat(names("exit 0\ncron -f")).doesNotContain("cron");
    }

    @Test
    void aProgramSetAsTheArgumentsRunsWhenTheScriptExecsThem() {
        assertThat(ScriptRuns.first(ShellScript.parse("set -- dockerd --tlsverify \"$@\"\nexec \"$@\""), "dockerd")).isPresent();
        assertThat(ScriptRuns.first(ShellScript.parse("set -- dockerd --tlsverify\necho \"$@\""), "dockerd")).isEmpty();
    }

    @Test
    void handOversAreTheExecsAndTheEnds() {
        ShellScript script = ShellScript.parse("# exec \"$@\"\ngosu app migrate\nexec gosu app \"$@\"");
        List<String> handOvers = ScriptRuns.handOvers(script, null, ScriptFiles.NONE).stream().map(Command::toString).toList();
        assertThat(handOvers).containsExactly("exec gosu app \"$@\"");
        assertThat(ScriptRuns.handOvers(script, null, ScriptFiles.NONE).stream().anyMatch(ScriptRuns::execsArguments)).isFalse();
        assertThat(ScriptRuns.execsArguments(ShellScript.parse("exec \"${@}\"").commands().get(0))).isTrue();
        assertThat(ScriptRuns.execsArguments(ShellScript.parse("exec $@").commands().get(0))).isFalse();
    }

    @Test
    void expansionsOfAVariable() {
        assertThat(ScriptRuns.expansions(ShellScript.parse("# $JAVA_OPTS\necho 'JAVA_OPTS' \"JAVA_OPTS\"\nexec java -jar app.jar"),
                "JAVA_OPTS")).isEmpty();
        assertThat(ScriptRuns.expansions(ShellScript.parse("exec java ${JAVA_OPTS:-} -jar app.jar"), "JAVA_OPTS")).hasSize(1);
        assertThat(ScriptRuns.expansions(ShellScript.parse("cat > jvm.conf <<EOF\n$JAVA_OPTS\nEOF"), "JAVA_OPTS")).hasSize(1);
        assertThat(ScriptRuns.expansions(ShellScript.parse("cat > jvm.conf <<'EOF'\n$JAVA_OPTS\nEOF"), "JAVA_OPTS")).isEmpty();
        assertThat(ScriptRuns.expansions(ShellScript.parse("case \"$JAVA_OPTS\" in *Xmx*) ;; esac"), "JAVA_OPTS")).hasSize(1);
        assertThat(ScriptRuns.expansions(ShellScript.parse("U=${APP_USER:-${FALLBACK_USER}}"), "FALLBACK_USER")).hasSize(1);
    }
}
