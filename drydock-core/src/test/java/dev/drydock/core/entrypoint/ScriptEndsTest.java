package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commands a script may end with, one per way through it. */
class ScriptEndsTest {

    private static List<String> finalCommands(String script) {
        return finalCommands(script, Map.of());
    }

    private static List<String> finalCommands(String script, Map<String, String> environment) {
        return SimpleScript.finalCommands(ShellScript.parse(script), environment, "/", ScriptFiles.NONE).stream()
                .map(Command::toString).toList();
    }

    @Test
    void theLastCommandOfAPlainScript() {
        assertThat(finalCommands("set -e\nflask db upgrade\ngunicorn -w $(nproc) app:app")).containsExactly("gunicorn -w $(nproc) app:app");
        assertThat(finalCommands("migrate && exec gunicorn app:app")).containsExactly("exec gunicorn app:app");
        assertThat(finalCommands("$SERVER --bind :8000")).containsExactly("$SERVER --bind :8000");
    }

    @Test
    void oneForEachBranchOfAFinalIfOrCase() {
        assertThat(finalCommands("if [ \"$1\" = web ]; then\n  exec gunicorn app:app\nelif [ \"$1\" = beat ]; then\n  celery beat\n"
                + "else\n  { echo start; celery -A app worker; }\nfi")).containsExactly("exec gunicorn app:app", "celery beat",
                "celery -A app worker");
        assertThat(finalCommands("case \"$1\" in\n  web) exec gunicorn app:app ;;\n  worker) celery -A app worker ;;\n"
                + "  *) exec \"$@\" ;;\nesac")).containsExactly("exec gunicorn app:app", "celery -A app worker", "exec \"$@\"");
    }

    @Test
    void aBranchBeforeTheEndIsNotFinal() {
        assertThat(finalCommands("if [ \"$1\" = web ]; then exec gunicorn app:app; fi\ncelery -A app worker"))
                .containsExactly("celery -A app worker");
        assertThat(finalCommands("if [ -z \"$DATABASE_URL\" ]; then echo missing; exit 1; fi\n"
                + "case \"$ROLE\" in web) exec gunicorn app:app ;; *) celery -A app worker ;; esac"))
                .containsExactly("exec gunicorn app:app", "celery -A app worker");
    }

    @Test
    void functionsAreFollowedIntoTheirBodies() {
        assertThat(finalCommands("start_web() {\n  exec gunicorn app:app\n}\nstart_worker() {\n  celery -A app worker\n}\n"
                + "case \"$1\" in\n  web) start_web ;;\n  worker) start_worker ;;\nesac"))
                .containsExactly("exec gunicorn app:app", "celery -A app worker");
    }

    @Test
    void caseArmsFallThrough() {
        assertThat(finalCommands("case \"$1\" in\n  migrate) python manage.py migrate ;&\n  web) exec gunicorn app:app ;;\n"
                + "  *) exec \"$@\" ;;\nesac")).containsExactly("exec gunicorn app:app", "exec \"$@\"");
        assertThat(finalCommands("case \"$1\" in\n  *web*) echo web ;;&\n  *worker) celery -A app worker ;;\nesac"))
                .containsExactly("echo web", "celery -A app worker");
    }

    @Test
    void aConditionTheImageDecidesIsFollowedOthersMayGoEitherWay() {
        String script = "if [ \"$MODE\" = dev ]; then flask run; else exec gunicorn app:app; fi";
        assertThat(finalCommands(script, Map.of("MODE", "production"))).containsExactly("exec gunicorn app:app");
        assertThat(finalCommands(script)).containsExactly("flask run", "exec gunicorn app:app");
        assertThat(finalCommands("MODE=dev\n" + script)).containsExactly("flask run");
    }

    @Test
    void loopsSubshellsPipelinesAndBackgroundJobsGiveNone() {
        for (String script : List.of("while true; do run; sleep 60; done", "(exec gunicorn app:app)", "gunicorn app:app | tee log",
                "gunicorn app:app &", "if a; then b | c; fi", "f() { exec gunicorn app:app; }", "serve\nfor i in 1 2; do x; done")) {
            assertThat(finalCommands(script)).as(script).isEmpty();
        }
        assertThat(finalCommands("sh -c 'exec gunicorn app:app'")).containsExactly("sh -c 'exec gunicorn app:app'");
    }
}
