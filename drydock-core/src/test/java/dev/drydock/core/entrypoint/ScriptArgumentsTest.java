package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
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
    void aFileNoShellRunsIsUnknown() {
        assertThat(ScriptArguments.use(ScriptFiles.parse(SourceFile.of("entrypoint", "#!/usr/bin/env python3\nimport os\n"))))
                .isEqualTo(ArgumentUse.UNKNOWN);
        assertThat(ScriptArguments.use(ScriptFiles.parse(SourceFile.of("entrypoint.sh", "exec gunicorn app:app\n"))))
                .isEqualTo(ArgumentUse.IGNORES);
        assertThat(ScriptArguments.use(ScriptFiles.parse(SourceFile.of("entrypoint", "exec gunicorn app:app\n"))))
                .isEqualTo(ArgumentUse.UNKNOWN);
    }
}
