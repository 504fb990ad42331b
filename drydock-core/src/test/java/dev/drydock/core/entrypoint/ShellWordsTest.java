package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    private static List<List<String>> words(String script, Map<String, String> env) {
        ShellWords.Script parsed = ShellWords.parse(script, env, List.of());
        assertThat(parsed.supported()).as(parsed.unsupported()).isTrue();
        return parsed.commands().stream().map(ShellWords.Command::words).toList();
    }

    @Test
    void quotesEscapesAndComments() {
        assertThat(words("echo 'a b' \"c $X d\" e\\ f # comment\n", Map.of("X", "x y")))
                .containsExactly(List.of("echo", "a b", "c x y d", "e f"));
        assertThat(words("nginx -g 'daemon off;'", Map.of())).containsExactly(List.of("nginx", "-g", "daemon off;"));
        assertThat(words("a \\\n  b", Map.of())).containsExactly(List.of("a", "b"));
        assertThat(words("printf \"\\$HOME \\\"q\\\"\"", Map.of())).containsExactly(List.of("printf", "$HOME \"q\""));
        assertThat(words("x ''", Map.of())).containsExactly(List.of("x", ""));
    }

    @Test
    void listsAndSeparators() {
        ShellWords.Script script = ShellWords.parse("a && b || c; d & e | f\ng", Map.of(), List.of());
        assertThat(script.commands()).extracting(ShellWords.Command::separator).containsExactly("&&", "||", ";", "&", "|", ";", "");
        assertThat(script.commands()).extracting(c -> c.words().get(0)).containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void redirectionsAreDropped() {
        assertThat(words("gunicorn app:app >/var/log/out 2>&1 </dev/null", Map.of())).containsExactly(List.of("gunicorn", "app:app"));
        assertThat(words("cmd 2> err.log &> all.log >> more.log", Map.of())).containsExactly(List.of("cmd"));
    }

    @Test
    void expansionsAndFieldSplitting() {
        Map<String, String> env = Map.of("OPTS", "-a  -b", "EMPTY", "", "PORT", "80");
        assertThat(words("run $OPTS x", env)).containsExactly(List.of("run", "-a", "-b", "x"));
        assertThat(words("run \"$OPTS\"", env)).containsExactly(List.of("run", "-a  -b"));
        assertThat(words("run $EMPTY x", env)).containsExactly(List.of("run", "x"));
        assertThat(words("run ${PORT} ${MISSING:-8000} ${PORT:+set} ${MISSING:+set} ${EMPTY:-d} ${EMPTY-d}", env))
                .containsExactly(List.of("run", "80", "8000", "set", "d"));
        assertThat(words("run ${HOST:-0.0.0.0}:${PORT}", env)).containsExactly(List.of("run", "0.0.0.0:80"));
        assertThat(words("run ${MISSING:-$PORT}", env)).containsExactly(List.of("run", "80"));
    }

    @Test
    void unknownVariablesAreKeptInWordsAndDroppedWhenAlone() {
        ShellWords.Script script = ShellWords.parse("java $JAVA_OPTS -jar app.jar --port=$PORT \"$NAME\"", Map.of(), List.of());
        assertThat(script.commands().get(0).words()).containsExactly("java", "-jar", "app.jar", "--port=$PORT", "$NAME");
        assertThat(script.unresolved()).containsExactly("$JAVA_OPTS", "$PORT", "$NAME");
    }

    @Test
    void positionalParameters() {
        ShellWords.Script script = ShellWords.parse("exec \"$@\" --x \"$1\" $# $0", Map.of(), List.of("sh", "a b", "c"));
        assertThat(script.commands().get(0).words()).containsExactly("exec", "a b", "c", "--x", "a b", "2", "sh");
        assertThat(ShellWords.parse("exec \"$@\"", Map.of(), List.of("sh")).commands().get(0).words()).containsExactly("exec");
        assertThat(ShellWords.parse("x ${1} ${99999999999}", Map.of(), List.of("sh", "one")).commands().get(0).words()).containsExactly("x", "one");
    }

    @Test
    void assignmentsAndExportsReachLaterCommands() {
        ShellWords.Script script = ShellWords.parse("A=1 B=\"x y\" run; export PORT=81; C=2; unset A; serve $PORT $C", Map.of("A", "0"), List.of());
        List<ShellWords.Command> commands = script.commands();
        assertThat(commands.get(0).assignments()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x y"));
        assertThat(commands.get(0).environment()).containsEntry("A", "1");
        ShellWords.Command serve = commands.get(commands.size() - 1);
        assertThat(serve.words()).containsExactly("serve", "81", "2");
        assertThat(serve.environment()).containsEntry("PORT", "81").doesNotContainKey("A");
    }

    @Test
    void whatItDoesNotRead() {
        for (String script : List.of("echo $(date)", "echo `date`", "if true; then a; fi", "(cd x && y)", "for i in 1; do a; done",
                "f() { a; }", "cat <<EOF\nx\nEOF", "echo 'open", "{ a; }", "case $x in a) b;; esac", "echo $((1+2))")) {
            assertThat(ShellWords.parse(script, Map.of(), List.of()).supported()).as(script).isFalse();
        }
    }

    @Test
    void splitKeepsQuotesWithoutExpanding() {
        assertThat(ShellWords.split("--workers=4 --bind '0.0.0.0:$PORT' --name \"a b\""))
                .containsExactly("--workers=4", "--bind", "0.0.0.0:$PORT", "--name", "a b");
        assertThat(ShellWords.split("-Xmx1g  -Dx=$Y")).containsExactly("-Xmx1g", "-Dx=$Y");
    }
}
