package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the model reads as the application when an entry-point script gets the CMD as its arguments. */
class EntryScriptTest {

    private static final Invocation FLASK_RUN = Invocation.exec("/app/entrypoint.sh", "flask", "run", "--host=0.0.0.0")
            .withWorkdir("/app");

    private static EntryPoint read(Invocation invocation, String script) {
        ScriptFiles files = path -> path.equals("/app/entrypoint.sh")
                ? Optional.of(SourceFile.of("entrypoint.sh", script)) : Optional.empty();
        return EntryPoints.interpret(invocation, files);
    }

    @Test
    void aScriptThatIgnoresItsArgumentsRunsItsOwnProgram() {
        EntryPoint ep = read(FLASK_RUN, "#!/bin/sh\nset -e\ncd /srv\npython -m flask db upgrade\n"
                + "exec gunicorn --workers 4 app:app\n");
        assertThat(ep.runtime()).isEqualTo(Runtime.GUNICORN);
        assertThat(ep.option("workers")).isEqualTo("4");
        assertThat(ep.workdir()).isEqualTo("/srv");
        assertThat(ep.otherCommands()).containsExactly(java.util.List.of("python", "-m", "flask", "db", "upgrade"));
        assertThat(ep.scripts()).containsExactly("/app/entrypoint.sh");
        assertThat(ep.commandIgnoredBy()).isEqualTo("/app/entrypoint.sh");
        assertThat(ep.notes()).anyMatch(n -> n.contains("never reads its arguments, so `flask run --host=0.0.0.0` does not run"));
    }

    @Test
    void aScriptThatGeneratesASecretStillShowsItsServer() {
        EntryPoint ep = read(Invocation.exec("/app/entrypoint.sh").withWorkdir("/app"),
                "#!/bin/sh\nset -e\nexport SECRET_KEY_BASE=\"$(mix phx.gen.secret)\"\nmix ecto.migrate\nexec mix phx.server\n");
        assertThat(ep.runtime()).isEqualTo(Runtime.MIX_PHX_SERVER);
        assertThat(ep.startedBy()).isEqualTo("/app/entrypoint.sh");
        assertThat(ep.environment()).containsEntry("SECRET_KEY_BASE", "$(mix phx.gen.secret)");
        assertThat(ep.otherCommands()).containsExactly(java.util.List.of("mix", "ecto.migrate"));
    }

    @Test
    void aScriptThatHandsItsArgumentsOnRunsTheCommand() {
        for (String last : new String[] {"exec \"$@\"", "exec \"$*\"", "shift 0\nexec \"$@\"",
                "set -- \"$@\"\nexec \"$@\"", "exec gosu app \"$@\""}) {
            EntryPoint ep = read(FLASK_RUN, "#!/bin/sh\nset -e\n" + last + "\n");
            assertThat(ep.runtime()).as(last).isEqualTo(Runtime.FLASK_RUN);
            assertThat(ep.commandIgnoredBy()).isNull();
            assertThat(ep.notes()).as(last).noneMatch(n -> n.contains("assumed"));
        }
    }

    @Test
    void aScriptThatReadsItsArgumentsOtherwiseKeepsTheConvention() {
        EntryPoint ep = read(FLASK_RUN, "#!/bin/sh\nif [ \"$1\" = flask ]; then echo dev; fi\nexec gunicorn app:app\n");
        assertThat(ep.runtime()).isEqualTo(Runtime.FLASK_RUN);
        assertThat(ep.notes()).anyMatch(n -> n.contains("is assumed to end with exec \"$@\""));
    }

    @Test
    void anUnknownScriptKeepsTheConvention() {
        EntryPoint ep = EntryPoints.interpret(FLASK_RUN, ScriptFiles.NONE);
        assertThat(ep.runtime()).isEqualTo(Runtime.FLASK_RUN);
        assertThat(ep.commandIgnoredBy()).isNull();
        assertThat(ep.notes()).anyMatch(n -> n.contains("is assumed to end with exec \"$@\""));
    }

    @Test
    void anIgnoringScriptDrydockCannotSplitIsTheScriptItself() {
        EntryPoint ep = read(FLASK_RUN, "#!/bin/sh\nwhile true; do python worker.py; sleep 5; done\n");
        assertThat(ep.runtime()).isEqualTo(Runtime.SCRIPT);
        assertThat(ep.commandIgnoredBy()).isNull();
        assertThat(ep.notes()).anyMatch(n -> n.contains("never reads its arguments"));
    }

    @Test
    void theScriptBehindAnInitIsReadToo() {
        EntryPoint ep = read(Invocation.exec("tini", "--", "/app/entrypoint.sh", "flask", "run").withWorkdir("/app"),
                "#!/bin/bash\nexec uvicorn main:app --port 8000\n");
        assertThat(ep.runtime()).isEqualTo(Runtime.UVICORN);
        assertThat(ep.wrappedBy("tini")).isTrue();
    }

    @Test
    void theCommandChoosesTheWayThroughTheScript() {
        String script = "#!/bin/sh\nset -e\nweb() { exec gunicorn --bind 0.0.0.0:8000 app:app; }\n"
                + "case \"$1\" in\n  web) web ;;\n  worker) exec celery -A app worker ;;\n  *) exec \"$@\" ;;\nesac\n";
        EntryPoint web = read(Invocation.exec("/app/entrypoint.sh", "web").withWorkdir("/app"), script);
        assertThat(web.runtime()).isEqualTo(Runtime.GUNICORN);
        assertThat(web.startedBy()).isEqualTo("/app/entrypoint.sh");
        assertThat(web.commandIgnoredBy()).isNull();
        EntryPoint worker = read(Invocation.exec("/app/entrypoint.sh", "worker").withWorkdir("/app"), script);
        assertThat(worker.runtime()).isEqualTo(Runtime.CELERY);
        EntryPoint none = read(Invocation.exec("/app/entrypoint.sh").withWorkdir("/app"),
                "#!/bin/sh\ncase \"$1\" in\n  worker) exec celery -A app worker ;;\n  *) exec flask run --host 0.0.0.0 ;;\nesac\n");
        assertThat(none.runtime()).isEqualTo(Runtime.FLASK_RUN);
    }

    @Test
    void setupBlocksBeforeTheServerAreReadThrough() {
        EntryPoint ep = read(Invocation.exec("/app/entrypoint.sh").withWorkdir("/app"),
                "#!/bin/sh\nset -e\nif [ -z \"$DATABASE_URL\" ]; then\n  echo \"Error: set DATABASE_URL\"; exit 1\nfi\n"
                        + "if [ \"$AUTO_MIGRATE\" != \"false\" ]; then\n  prisma migrate deploy\n  status=$?\n"
                        + "  if [ $status -ne 0 ]; then exit $status; fi\nfi\nnode web/server.js --keepAliveTimeout 110000\n");
        assertThat(ep.runtime()).isEqualTo(Runtime.NODE);
        assertThat(ep.target().path()).isEqualTo("/app/web/server.js");
        assertThat(ep.startedBy()).isEqualTo("/app/entrypoint.sh");
        assertThat(ep.otherCommands()).containsExactly(java.util.List.of("prisma", "migrate", "deploy"));
        assertThat(ep.branches()).isEmpty();
        EntryPoint other = read(Invocation.exec("/app/entrypoint.sh").withWorkdir("/app"),
                "#!/bin/sh\nif [ \"$ROLE\" = worker ]; then\n  exec node worker.js\nfi\nnode web/server.js\n");
        assertThat(other.runtime()).isEqualTo(Runtime.SCRIPT); // the branch may run another program: the script itself
        assertThat(other.target().path()).isEqualTo("/app/entrypoint.sh");
    }

    @Test
    void aWayTheModelCannotChooseIsABranch() {
        EntryPoint ep = read(Invocation.exec("/app/entrypoint.sh").withWorkdir("/app"),
                "#!/bin/sh\n. ./.env\ncase \"$ROLE\" in\n  web) exec flask run ;;\n  worker) exec celery -A app worker ;;\n"
                        + "  *) echo \"unknown role\" >&2; exit 1 ;;\nesac\n");
        assertThat(ep.runtime()).isEqualTo(Runtime.SCRIPT);
        assertThat(ep.branches()).extracting(b -> b.entryPoint().runtime()).containsExactly(Runtime.FLASK_RUN, Runtime.CELERY);
        assertThat(ep.branches().get(0).when()).isEqualTo("`\"$ROLE\"` is `web`");
        assertThat(ep.branches().get(0).entryPoint().startedBy()).isEqualTo("/app/entrypoint.sh");
    }
}
