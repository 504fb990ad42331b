package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnexpandedVariablesTest {

    private static List<Integer> in(String... argv) {
        return UnexpandedVariables.in(List.of(argv), script -> true);
    }

    @Test
    void findsReferencesAProgramReceivesAsWritten() {
        assertThat(in("java", "$JAVA_OPTS", "-jar", "app.jar")).containsExactly(1);
        assertThat(in("gunicorn", "--bind", "0.0.0.0:${PORT:-8000}", "app:app")).containsExactly(2);
        assertThat(in("$APP_HOME/bin/server")).containsExactly(0);
    }

    @Test
    void looksThroughInitsUserSwitchersAndEnv() {
        assertThat(in("tini", "-g", "--", "node", "server.js", "$NODE_ARGS")).containsExactly(5);
        assertThat(in("gosu", "app", "uvicorn", "--port", "$PORT")).containsExactly(4);
        assertThat(in("env", "MODE=$MODE", "python", "app.py")).containsExactly(1);
        assertThat(in("docker-entrypoint.sh", "redis-server", "--requirepass", "$PASSWORD")).containsExactly(3);
        assertThat(UnexpandedVariables.in(List.of("./start.sh", "$PORT"), script -> false)).isEmpty();
    }

    @Test
    void leavesWhatSomethingElseExpands() {
        assertThat(in("sh", "-c", "exec java $JAVA_OPTS -jar app.jar")).isEmpty();
        assertThat(in("/bin/bash", "-lc", "echo $HOME")).isEmpty();
        assertThat(in("envsubst", "$PORT $HOST")).isEmpty();
        assertThat(in("python", "-c", "print('${X}')")).isEmpty();
        assertThat(in("java", "-Dserver.port=${PORT}", "-jar", "app.jar", "--spring.profiles.active=${PROFILE}")).isEmpty();
        assertThat(in("java", "-Dserver.port=$PORT", "-jar", "app.jar")).containsExactly(1);
    }

    @Test
    void takesOnlyUpperCaseNamesAsVariables() {
        assertThat(in("usermod", "-p", "$6$rounds=5000$Salt$Hash", "root")).isEmpty();
        assertThat(in("server", "--password", "Pa$word")).isEmpty();
        assertThat(in("server", "--price", "$$PORT")).isEmpty();
        assertThat(UnexpandedVariables.reference("http://localhost:${PORT}/health")).isEqualTo("PORT");
        assertThat(UnexpandedVariables.wholeReference("${ARGS}")).isTrue();
        assertThat(UnexpandedVariables.wholeReference("-Xmx$HEAP")).isFalse();
    }
}
