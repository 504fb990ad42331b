package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.shell.Connector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleScriptTest {

    private static List<List<String>> words(String script) {
        SimpleScript read = SimpleScript.read(script, Map.of(), List.of());
        assertThat(read.supported()).as(read.unsupported()).isTrue();
        return read.commands().stream().map(ScriptCommand::words).toList();
    }

    @Test
    void listsAndSeparators() {
        SimpleScript script = SimpleScript.read("a && b || c; d & e | f\ng", Map.of(), List.of());
        assertThat(script.commands()).extracting(ScriptCommand::followedBy).containsExactly(Connector.AND, Connector.OR,
                Connector.SEQUENCE, Connector.BACKGROUND, Connector.SEQUENCE, Connector.SEQUENCE, Connector.NONE);
        assertThat(script.commands()).extracting(ScriptCommand::pipelineStart).containsExactly(true, true, true, true, true, false, true);
        assertThat(script.commands()).extracting(c -> c.words().get(0)).containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void redirectionsAreDropped() {
        assertThat(words("gunicorn app:app >/var/log/out 2>&1 </dev/null")).containsExactly(List.of("gunicorn", "app:app"));
        assertThat(words("cmd 2> err.log &> all.log >> more.log")).containsExactly(List.of("cmd"));
    }

    @Test
    void unresolvedVariablesAreListed() {
        SimpleScript script = SimpleScript.read("java $JAVA_OPTS -jar app.jar --port=$PORT \"$NAME\" >$LOG", Map.of(), List.of());
        assertThat(script.commands().get(0).words()).containsExactly("java", "-jar", "app.jar", "--port=$PORT", "$NAME");
        assertThat(script.unresolved()).containsExactly("$JAVA_OPTS", "$PORT", "$NAME", "$LOG");
    }

    @Test
    void assignmentsAndExportsReachLaterCommands() {
        SimpleScript script = SimpleScript.read("A=1 B=\"x y\" run; export PORT=81; C=2; unset A; serve $PORT $C", Map.of("A", "0"), List.of());
        List<ScriptCommand> commands = script.commands();
        assertThat(commands.get(0).environment()).containsEntry("A", "1").containsEntry("B", "x y");
        ScriptCommand serve = commands.get(commands.size() - 1);
        assertThat(serve.words()).containsExactly("serve", "81", "2");
        assertThat(serve.environment()).containsEntry("PORT", "81").doesNotContainKeys("A", "B");
        SimpleScript exported = SimpleScript.read("export OPTS=\"$X\" && run", Map.of("X", "a b"), List.of());
        assertThat(exported.commands().get(1).environment()).containsEntry("OPTS", "a b");
    }

    @Test
    void whatItDoesNotRead() {
        for (String script : List.of("$(which gunicorn) app:app", "`date`", "if [ -f x ]; then exec a; fi; b", "(cd x && y)",
                "for i in 1; do a; done", "cat <<EOF\nx\nEOF", "echo 'open", "case $x in a) node b.js;; esac; c",
                "$((1+2))", "! a", "cat <<< x", "a > $(b)", "diff <(a) b", "f() { f; }; f")) {
            assertThat(SimpleScript.read(script, Map.of(), List.of()).supported()).as(script).isFalse();
        }
        assertThat(SimpleScript.read("while true; do a; done", Map.of(), List.of()).unsupported()).isEqualTo("'while'");
        assertThat(SimpleScript.read("$(b) a", Map.of(), List.of()).unsupported()).isEqualTo("command substitution");
    }

    @Test
    void aSubstitutionInAnArgumentIsKeptAsWritten() {
        SimpleScript script = SimpleScript.read("flask db upgrade\nexec gunicorn -w $(nproc) --threads=$(( $(nproc) * 2 + 1 ))"
                + " --bind 0.0.0.0:$PORT app:app", Map.of("PORT", "8000"), List.of());
        assertThat(script.supported()).as(script.unsupported()).isTrue();
        assertThat(script.commands().get(1).words()).containsExactly("exec", "gunicorn", "-w", "$(nproc)",
                "--threads=$(( $(nproc) * 2 + 1 ))", "--bind", "0.0.0.0:8000", "app:app");
        assertThat(script.unresolved()).containsExactly("$(nproc)", "$(( $(nproc) * 2 + 1 ))");
        assertThat(words("echo `date` \"$(id -u)\"")).containsExactly(List.of("echo", "`date`", "$(id -u)"));
    }

    @Test
    void exportOfACommandsOutputSetsVariablesThatCantBeNamed() {
        SimpleScript script = SimpleScript.read("export $(grep -v '^#' .env | xargs)\n"
                + "exec gunicorn --bind 0.0.0.0:${PORT:-8000} --workers ${WORKERS:-2} --log-level $LEVEL app:app",
                Map.of("LEVEL", "info"), List.of("sh"));
        assertThat(script.supported()).as(script.unsupported()).isTrue();
        assertThat(script.commands().get(1).words()).containsExactly("exec", "gunicorn", "--bind", "0.0.0.0:${PORT:-8000}",
                "--workers", "${WORKERS:-2}", "--log-level", "info", "app:app");
        assertThat(words("export $(cat .env | xargs); serve ${1:-x}")).containsExactly(
                List.of("export", "$(cat .env | xargs)"), List.of("serve", "x"));
        assertThat(words("A=1 export $(cat .env | xargs); serve --port ${PORT:-8000}").get(1))
                .containsExactly("serve", "--port", "${PORT:-8000}");
        assertThat(words("serve ${PORT:-8000}; export $(cat .env | xargs)").get(0)).containsExactly("serve", "8000");
    }

    @Test
    void assignedCommandOutputIsAValueKeptAsWritten() {
        SimpleScript script = SimpleScript.read(
                "export SECRET_KEY_BASE=$(mix phx.gen.secret); N=$((2+1)) TOKEN=\"`cat /t`\"; mix ecto.migrate; mix phx.server --key \"$TOKEN\" $N",
                Map.of(), List.of());
        assertThat(script.supported()).as(script.unsupported()).isTrue();
        ScriptCommand server = script.commands().get(3);
        assertThat(server.words()).containsExactly("mix", "phx.server", "--key", "$TOKEN");
        assertThat(server.environment()).containsEntry("SECRET_KEY_BASE", "$(mix phx.gen.secret)")
                .containsEntry("TOKEN", "`cat /t`").containsEntry("N", "$((2+1))");
        assertThat(script.unresolved()).containsExactly("$TOKEN", "$N");
        assertThat(SimpleScript.read("A=(1 2); run \"${A:-x}\"", Map.of(), List.of()).commands().get(1).words())
                .containsExactly("run", "${A:-x}");
    }

    @Test
    void aKnownValueReplacesAnUnknownOne() {
        SimpleScript script = SimpleScript.read("PORT=$(cat /port); export PORT=8080; serve $PORT; unset PORT; serve ${PORT:-1}; "
                + "HOST=$(hostname) serve $HOST", Map.of("HOST", "h"), List.of());
        assertThat(script.commands()).extracting(ScriptCommand::words).containsExactly(List.of(), List.of("export", "PORT=8080"),
                List.of("serve", "8080"), List.of("unset", "PORT"), List.of("serve", "1"), List.of("serve", "h"));
        assertThat(script.commands().get(5).environment()).containsEntry("HOST", "$(hostname)");
    }

    @Test
    void controlFlowBeforeAFinalExecIsPassedOver() {
        SimpleScript script = SimpleScript.read("cd /app\nif [ \"$MIGRATE\" = 1 ]; then python manage.py migrate; fi\nexec gunicorn app:app",
                Map.of(), List.of("sh", "migrate"));
        assertThat(script.skipped()).isEqualTo("'if'");
        assertThat(script.commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("cd", "/app"), List.of("exec", "gunicorn", "app:app"));
        assertThat(SimpleScript.read("if a; then exec b; fi; exec c &", Map.of(), List.of()).supported()).isFalse();
        assertThat(SimpleScript.read("if a; then b; fi; exec gunicorn -w $(nproc) app", Map.of(), List.of()).supported()).isTrue();
        assertThat(words("exec a; if b; then c; fi")).containsExactly(List.of("exec", "a")); // the exec ends it
    }

    @Test
    void aConditionItCanDecideIsFollowed() {
        assertThat(words("cd /app\nif [ \"$1\" = migrate ]; then python manage.py migrate; fi\nexec gunicorn app:app"))
                .containsExactly(List.of("cd", "/app"), List.of("exec", "gunicorn", "app:app"));
        SimpleScript migrate = SimpleScript.read("if [ \"$1\" = migrate ]; then python manage.py migrate; fi\nexec gunicorn app:app",
                Map.of(), List.of("sh", "migrate"));
        assertThat(migrate.commands()).extracting(ScriptCommand::words).containsExactly(
                List.of("python", "manage.py", "migrate"), List.of("exec", "gunicorn", "app:app"));
        assertThat(words("case \"${1:-web}\" in web|http) exec gunicorn app:app ;; worker) exec celery -A app worker ;; esac"))
                .containsExactly(List.of("exec", "gunicorn", "app:app"));
        assertThat(SimpleScript.read("case \"$1\" in web) exec gunicorn app:app ;; w*) exec celery -A app worker ;; esac",
                Map.of(), List.of("sh", "worker")).commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("exec", "celery", "-A", "app", "worker"));
        assertThat(SimpleScript.read("if [ \"$ENV\" != production ]; then exec flask run; else exec gunicorn app:app; fi",
                Map.of("ENV", "production"), List.of()).commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("exec", "gunicorn", "app:app"));
        assertThat(words("if true; then a; fi")).containsExactly(List.of("a"));
        assertThat(words("{ a; b; }")).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void setupBlocksThatGoOnOrFailAreReadThrough() {
        String langfuse = "#!/bin/sh\nset -e\nif [ -z \"$DATABASE_URL\" ]; then\n"
                + "  if [ -n \"$DATABASE_HOST\" ] && [ -n \"$DATABASE_USERNAME\" ]; then\n"
                + "    export DATABASE_URL=\"postgresql://${DATABASE_USERNAME}:${DATABASE_PASSWORD}@${DATABASE_HOST}/app\"\n"
                + "  else\n    echo \"Error: set DATABASE_URL\"; exit 1\n  fi\nfi\n"
                + "if [ \"$AUTO_MIGRATE\" != \"false\" ]; then\n  prisma migrate deploy\n  status=$?\n"
                + "  if [ $status -ne 0 ]; then echo \"migration failed\"; exit $status; fi\nfi\n"
                + "node web/server.js --keepAliveTimeout 110000\n";
        SimpleScript script = SimpleScript.read(langfuse, Map.of(), List.of("sh"));
        assertThat(script.supported()).as(script.unsupported()).isTrue();
        assertThat(script.skipped()).isNull();
        assertThat(script.commands()).extracting(ScriptCommand::words).containsExactly(List.of("set", "-e"),
                List.of("export", "DATABASE_URL=postgresql://${DATABASE_USERNAME}:${DATABASE_PASSWORD}@${DATABASE_HOST}/app"),
                List.of("prisma", "migrate", "deploy"), List.of(),
                List.of("node", "web/server.js", "--keepAliveTimeout", "110000"));
        assertThat(script.commands().get(4).environment()).containsKey("DATABASE_URL"); // set on one way: value unknown
        assertThat(words("case \"$MODE\" in\n  --migrate) flask db upgrade ;;\n  -*) echo \"bad option\" >&2; exit 2 ;;\nesac\n"
                + "gunicorn app:app")).containsExactly(List.of("flask", "db", "upgrade"), List.of("gunicorn", "app:app"));
        assertThat(words("if [ -n \"$DEBUG\" ]; then export LOG_LEVEL=debug; fi\nexec gunicorn app:app").get(1))
                .containsExactly("exec", "gunicorn", "app:app");
    }

    @Test
    void blocksThatMayRunTheProgramOrChangeWhatFollowsAreNotReadThrough() {
        for (String script : List.of(
                "if [ \"$ROLE\" = worker ]; then exec celery -A app worker; fi\ngunicorn app:app",
                "if [ \"$ROLE\" = worker ]; then celery -A app worker; fi\ngunicorn app:app",
                "if [ \"$ROLE\" = admin ]; then node admin/server.js; fi\nnode web/server.js",
                "if [ -n \"$SKIP\" ]; then exit 0; fi\nnode web/server.js",
                "if [ -n \"$SKIP\" ]; then echo skip; exit; fi\nnode web/server.js",
                "if [ -d /srv ]; then cd /srv; fi\nnode server.js",
                "if [ -f .env ]; then . ./.env; fi\nnode server.js",
                "if [ -d /opt/bin ]; then export PATH=/opt/bin:$PATH; fi\nserver",
                "if [ -z \"$A\" ]; then exit 1; else exit 2; fi\nnode server.js",
                "case \"$ROLE\" in web) npm start ;; esac\nnode worker.js")) {
            assertThat(SimpleScript.read(script, Map.of(), List.of("sh")).supported()).as(script).isFalse();
        }
        SimpleScript beforeExec = SimpleScript.read("if [ \"$ROLE\" = admin ]; then node admin.js; fi\nexec node web.js",
                Map.of(), List.of("sh"));
        assertThat(beforeExec.skipped()).isEqualTo("'if'");
        assertThat(beforeExec.commands()).extracting(ScriptCommand::words).containsExactly(List.of("exec", "node", "web.js"));
    }

    @Test
    void anExecEndsTheScript() {
        assertThat(SimpleScript.read("if [ \"$1\" = web ]; then exec gunicorn app:app; fi\nexec \"$@\"", Map.of(),
                List.of("sh", "web")).commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("exec", "gunicorn", "app:app"));
    }

    @Test
    void aFinalConditionItCannotDecideGivesOneBranchPerWay() {
        SimpleScript script = SimpleScript.read("export PORT=8000\ncase \"$ROLE\" in\n  web) exec flask run --port $PORT ;;\n"
                + "  worker) exec celery -A app worker ;;\nesac", Map.of(), List.of("sh"));
        assertThat(script.supported()).as(script.unsupported()).isTrue();
        assertThat(script.commands()).isEmpty();
        assertThat(script.branches()).extracting(ScriptBranch::when).containsExactly("`\"$ROLE\"` is `web`",
                "`\"$ROLE\"` is `worker`", "`\"$ROLE\"` matches no pattern");
        assertThat(script.branches().get(0).commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("export", "PORT=8000"), List.of("exec", "flask", "run", "--port", "8000"));
        SimpleScript debug = SimpleScript.read("if [ \"$FLASK_DEBUG\" = 1 ]; then exec flask run; elif [ \"$ENV\" = dev ];"
                + " then exec flask run; else exec gunicorn app:app; fi", Map.of(), List.of("sh"));
        assertThat(debug.branches()).extracting(ScriptBranch::when).containsExactly(
                "`[ \"$FLASK_DEBUG\" = 1 ]` succeeds", "`[ \"$FLASK_DEBUG\" = 1 ]` fails and `[ \"$ENV\" = dev ]` succeeds",
                "`[ \"$FLASK_DEBUG\" = 1 ]` fails and `[ \"$ENV\" = dev ]` fails");
        assertThat(debug.branches()).extracting(ScriptBranch::development).containsExactly(true, true, false);
    }

    @Test
    void functionsOfTheScriptAreFollowed() {
        assertThat(SimpleScript.read("start_web() {\n  exec gunicorn --bind \"0.0.0.0:$1\" app:app\n}\n"
                + "case \"$1\" in web) start_web 8000 ;; *) exec \"$@\" ;; esac", Map.of(), List.of("sh", "web"))
                .commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("exec", "gunicorn", "--bind", "0.0.0.0:8000", "app:app"));
        assertThat(SimpleScript.read("main() { cd /srv; exec \"$@\"; }\nmain \"$@\"", Map.of(), List.of("sh", "node", "a.js"))
                .commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("cd", "/srv"), List.of("exec", "node", "a.js"));
        SimpleScript recursive = SimpleScript.read("a() { b; }\nb() { a; }\na", Map.of(), List.of("sh"));
        assertThat(recursive.unsupported()).contains("deep");
    }

    @Test
    void caseArmsFallThroughAsTheirTerminatorsSay() {
        String fallThrough = "case \"$1\" in\n  migrate) python manage.py migrate ;&\n  web) exec gunicorn app:app ;;\n"
                + "  *) exec \"$@\" ;;\nesac";
        assertThat(SimpleScript.read(fallThrough, Map.of(), List.of("sh", "migrate")).commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("python", "manage.py", "migrate"), List.of("exec", "gunicorn", "app:app"));
        String goOn = "case \"$1\" in\n  *-debug) export DEBUG=1 ;;&\n  web*) exec gunicorn app:app ;;\n  *) exec \"$@\" ;;\nesac";
        assertThat(SimpleScript.read(goOn, Map.of(), List.of("sh", "web-debug")).commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("export", "DEBUG=1"), List.of("exec", "gunicorn", "app:app"));
        SimpleScript undecided = SimpleScript.read(fallThrough, Map.of(), null);
        assertThat(undecided.supported()).as(undecided.unsupported()).isTrue();
        assertThat(undecided.branches()).extracting(ScriptBranch::when).containsExactly("`\"$1\"` is `migrate`",
                "`\"$1\"` is `web`", "`\"$1\"` is anything else");
        assertThat(undecided.branches().get(0).commands()).extracting(ScriptCommand::words)
                .containsExactly(List.of("python", "manage.py", "migrate"), List.of("exec", "gunicorn", "app:app"));
    }

    @Test
    void aSourcedFileSetsVariables() {
        ScriptFiles files = path -> path.equals("/app/.env")
                ? java.util.Optional.of(dev.drydock.core.source.SourceFile.of(".env", "# settings\nPORT=9000\nexport WORKERS=3\n"))
                : java.util.Optional.empty();
        SimpleScript read = SimpleScript.read("set -a\n. ./.env\nset +a\nexec gunicorn -b :${PORT:-8000} -w $WORKERS app:app",
                Map.of(), List.of("sh"), "/app", files);
        assertThat(read.commands().get(3).words()).containsExactly("exec", "gunicorn", "-b", ":9000", "-w", "3", "app:app");
        SimpleScript unknown = SimpleScript.read("source .env\nexec gunicorn -b :${PORT:-8000} app:app", Map.of("LEVEL", "x"),
                List.of("sh"), "/app", ScriptFiles.NONE);
        assertThat(unknown.commands().get(1).words()).containsExactly("exec", "gunicorn", "-b", ":${PORT:-8000}", "app:app");
        SimpleScript venv = SimpleScript.read(". /venv/bin/activate\nexec gunicorn -b :${PORT:-8000} app:app", Map.of(),
                List.of("sh"), "/app", ScriptFiles.NONE);
        assertThat(venv.commands().get(1).words()).containsExactly("exec", "gunicorn", "-b", ":8000", "app:app");
    }
}
