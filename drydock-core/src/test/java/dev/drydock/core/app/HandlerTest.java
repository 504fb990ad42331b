package dev.drydock.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerTest {

    private static Handler python(String body) {
        List<PyLexer.Statement> statements = PyLexer.statements(body);
        return Handler.python("h", "app.py", 1, statements);
    }

    @Test
    void constantAnswers() {
        assertThat(python("return jsonify(status=\"ok\")").verdict()).isEqualTo(Handler.Verdict.CONSTANT);
        assertThat(python("\"\"\"Liveness.\"\"\"\nreturn \"OK\", 200").verdict()).isEqualTo(Handler.Verdict.CONSTANT);
        assertThat(python("return JSONResponse({\"status\": \"ready\"}, status_code=status.HTTP_200_OK)").verdict())
                .isEqualTo(Handler.Verdict.CONSTANT);
        assertThat(Handler.javascript("a.js", 1, "(req, res) => res.sendStatus(200)").verdict())
                .isEqualTo(Handler.Verdict.CONSTANT);
    }

    @Test
    void dependencyChecks() {
        assertThat(python("db.session.execute(text(\"SELECT 1\"))\nreturn \"ok\"").verdict())
                .isEqualTo(Handler.Verdict.CHECKS_DEPENDENCIES);
        assertThat(python("if not READY:\n    abort(503)\nreturn \"ok\"").verdict())
                .isEqualTo(Handler.Verdict.CHECKS_DEPENDENCIES);
        assertThat(python("redis_client.ping()\nreturn 'ok'").evidence()).isEqualTo("redis_client.ping()");
        assertThat(Handler.javascript("a.js", 1, "async (req, res) => { await pool.query('SELECT 1'); res.send('ok') }")
                .verdict()).isEqualTo(Handler.Verdict.CHECKS_DEPENDENCIES);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(python("result = run_checks()\nreturn result").verdict()).isEqualTo(Handler.Verdict.UNKNOWN);
        assertThat(python("return f\"{VERSION}\"").verdict()).isEqualTo(Handler.Verdict.UNKNOWN);
        assertThat(python("pass").verdict()).isEqualTo(Handler.Verdict.UNKNOWN);
        assertThat(python("return {\"status\": \"ready\"}").verdict()).as("a word in a string is no check")
                .isEqualTo(Handler.Verdict.CONSTANT);
    }
}
