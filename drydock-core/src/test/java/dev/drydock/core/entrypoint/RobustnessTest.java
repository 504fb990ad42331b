package dev.drydock.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever a Dockerfile or compose file says, reading a command must not throw. */
class RobustnessTest {

    private static final String[] PIECES = {
        "sh", "-c", "bash", "exec", "env", "A=1", "tini", "--", "gosu", "app", "python", "-m", "gunicorn", "-w", "4",
        "app:app", "'", "\"", "$", "${", "}", "$(", "`", "&&", "||", ";", "|", "&", ">", "2>&1", "<<", "\\", "\n",
        "npm", "run", "start", "java", "-jar", "x.jar", "-Xmx", "node", "-e", "/entrypoint.sh", "uv", "run", "php",
        "-S", "artisan", "serve", "flask", "--app", "rails", "s", "go", "run", ".", "", " ", "#", "(", ")", "{", "$@",
        "\"$@\"", "${X:-", "${#", "$1", "=", "-", "npx", "yarn", "pm2-runtime", "su", "-", "wait-for-it.sh", "sudo", "${1234567890123}", "${X%%y}", "-cp", "-r",
    };

    @Test
    void randomCommandsNeverThrow() {
        Random random = new Random(20240501);
        for (int round = 0; round < 20_000; round++) {
            List<String> argv = new ArrayList<>();
            int words = random.nextInt(8);
            for (int w = 0; w < words; w++) {
                StringBuilder word = new StringBuilder();
                int parts = 1 + random.nextInt(3);
                for (int p = 0; p < parts; p++) {
                    word.append(PIECES[random.nextInt(PIECES.length)]);
                }
                argv.add(word.toString());
            }
            boolean shellForm = random.nextBoolean();
            Invocation invocation = new Invocation(shellForm && !argv.isEmpty() ? List.of(String.join(" ", argv)) : argv,
                    shellForm, Map.of("X", "a b", "PORT", "80"), random.nextBoolean() ? "/app" : "rel/dir");
            assertThatCode(() -> {
                EntryPoint entry = EntryPoints.interpret(invocation);
                assertThat(entry.runtime()).isNotNull();
                assertThat(entry.target()).isNotNull();
            }).as("%s", invocation).doesNotThrowAnyException();
            String script = String.join(" ", argv);
            assertThatCode(() -> SimpleScript.read(script, Map.of(), List.of("sh", "x"))).as(script).doesNotThrowAnyException();
        }
    }
}
