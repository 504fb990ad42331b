package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptArgumentsTest {

    private static ArgumentUse use(String body) {
        return ScriptArguments.use(ScriptFiles.parse(SourceFile.of("docker/entrypoint.sh", "#!/bin/sh\nset -e\n" + body + "\n")));
    }

    @Test
    void runningTheArgumentsHandsThemOn() {
        assertThat(use("exec \"$@\"")).isEqualTo(ArgumentUse.HANDS_ON);
        assertThat(use("exec \"$*\"")).isEqualTo(ArgumentUse.HANDS_ON);
        assertThat(use("exec gosu app \"$@\"")).isEqualTo(ArgumentUse.HANDS_ON);
        assertThat(use("python manage.py migrate\n\"$@\"")).isEqualTo(ArgumentUse.HANDS_ON);
    }

    @Test
    void shiftedOrReplacedArgumentsAreStillHandedOn() {
        assertThat(use("shift\nexec \"$@\"")).isEqualTo(ArgumentUse.HANDS_ON);
        assertThat(use("set -- gunicorn \"$@\"\nexec \"$@\"")).isEqualTo(ArgumentUse.HANDS_ON);
        assertThat(use("if [ \"${1#-}\" != \"$1\" ]; then\n  set -- gunicorn \"$@\"\nfi\nexec \"$@\""))
                .isEqualTo(ArgumentUse.HANDS_ON);
    }

    @Test
    void otherReadsOfTheArgumentsMayStillRunThem() {
        assertThat(use("case \"$1\" in\n  worker) exec celery -A app worker ;;\n  *) exec gunicorn app:app ;;\nesac"))
                .isEqualTo(ArgumentUse.READS);
        assertThat(use("exec gunicorn --bind \"0.0.0.0:${1:-8000}\" app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use("for arg; do echo \"$arg\"; done\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use(". /app/env.sh\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use("echo \"$# arguments\"\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
    }

    @Test
    void aScriptThatNeverReadsThemIgnoresThem() {
        assertThat(use("python -m flask db upgrade\nexec gunicorn app:app")).isEqualTo(ArgumentUse.IGNORES);
        assertThat(use("python -m compileall -q .\nexec gunicorn app:app")).isEqualTo(ArgumentUse.IGNORES);
        assertThat(use("if [ -f .env ]; then . ./.env; fi\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use("# the command would be \"$@\", but this starts the server itself\nexec gunicorn app:app"))
                .isEqualTo(ArgumentUse.IGNORES);
        assertThat(use("echo \"price: \\$1\"\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS); // stays careful
    }

    @Test
    void readsAreFoundWhereverTheParseHasThem() {
        assertThat(use("start() {\n  exec gunicorn --bind \"0.0.0.0:${1:-8000}\" app:app\n}\nstart")).isEqualTo(ArgumentUse.READS);
        assertThat(use("case \"${@}\" in\n  *) exec gunicorn app:app ;;\nesac")).isEqualTo(ArgumentUse.READS);
        assertThat(use("while getopts p: opt; do :; done\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use("[ $# -gt 0 ] && shift\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use("cat <<EOF > /app/args\n$*\nEOF\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use("PORT=$(echo \"$2\")\nexec gunicorn app:app")).isEqualTo(ArgumentUse.READS);
        assertThat(use("NODE_NAME=\"worker #$1\"\nexec celery -A app worker -n \"$NODE_NAME@%h\"")).isEqualTo(ArgumentUse.READS);
    }

    @Test
    void namesThatOnlyLookLikeReadsAreNot() {
        assertThat(use("echo \"$0 starting\" # uses $1 later\nexec gunicorn app:app")).isEqualTo(ArgumentUse.IGNORES);
        assertThat(use("export SHIFTS=3\necho shift\nexec gunicorn app:app")).isEqualTo(ArgumentUse.IGNORES);
        assertThat(use("for f in /docker-entrypoint.d/*.sh; do echo \"$f\"; done\nexec gunicorn app:app"))
                .isEqualTo(ArgumentUse.IGNORES);
    }

    @Test
    void theLastForegroundProgramIsTheEndOfAnyWayThroughTheScript() {
        EntryPoint ep = EntryPoints.interpret(List.of("/entrypoint.sh"), false, Map.of(), "/app");
        ShellScript script = ScriptFiles.parse(SourceFile.of("entrypoint.sh", "#!/bin/sh\nstart_worker() {\n"
                + "  celery -A app worker\n}\ncase \"$ROLE\" in\n  worker) start_worker ;;\n  *) echo usage; exit 1 ;;\nesac\n"));
        assertThat(ScriptArguments.lastForegroundCommand(script, ep, ScriptFiles.NONE)).map(Command::toString)
                .contains("celery -A app worker");
        ShellScript ends = ScriptFiles.parse(SourceFile.of("entrypoint.sh", "#!/bin/sh\ncelery -A app worker &\nwait\n"));
        assertThat(ScriptArguments.lastForegroundCommand(ends, ep, ScriptFiles.NONE)).isEmpty();
    }

    @Test
    void aFileNoShellRunsIsUnknown() {
        assertThat(ScriptArguments.use(ScriptFiles.parse(SourceFile.of("entrypoint", "#!/usr/bin/env python3\nimport os\n"))))
                .isEqualTo(ArgumentUse.UNKNOWN);
        assertThat(ScriptArguments.use(ScriptFiles.parse(SourceFile.of("entrypoint.sh", "exec gunicorn app:app\n"))))
                .isEqualTo(ArgumentUse.IGNORES);
        assertThat(ScriptArguments.use(ScriptFiles.parse(SourceFile.of("entrypoint", "exec gunicorn app:app\n"))))
                .isEqualTo(ArgumentUse.UNKNOWN);
    }
}
