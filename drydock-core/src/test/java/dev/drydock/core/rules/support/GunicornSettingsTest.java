package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.Container;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.GunicornSettings.Source;
import dev.drydock.core.rules.support.GunicornSettings.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GunicornSettingsTest {

    @TempDir
    Path dir;

    private static final String BASE = "FROM python:3.12.7-slim\nWORKDIR /srv\nCOPY . .\nUSER 10001\n";

    private GunicornSettings settings(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        ReviewContext context = new ReviewContext(new ProjectLoader().load(dir));
        Container c = context.builtContainers().get(0);
        GunicornSettings settings = GunicornSettings.of(context, c);
        assertThat(GunicornSettings.of(context, c)).isSameAs(settings);
        return settings;
    }

    private static Value value(GunicornSettings settings, String setting) {
        return settings.get(setting).orElseThrow();
    }

    @Test
    void theCommandLineWinsOverGunicornCmdArgsOverTheConfigFileOverTheDefault() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE
                        + "ENV GUNICORN_CMD_ARGS=\"--workers 3 --timeout 40\"\n"
                        + "CMD [\"gunicorn\", \"-w\", \"2\", \"app:app\"]\n",
                "gunicorn.conf.py", "workers = 5\ntimeout = 50\nthreads = 4\nworker_class = \"gthread\"\n"));
        Value workers = value(s, "workers");
        assertThat(workers.value()).isEqualTo("2");
        assertThat(workers.source()).isEqualTo(Source.COMMAND_LINE);
        assertThat(workers.location().file()).isEqualTo("Dockerfile");
        assertThat(workers.location().line()).isEqualTo(6);
        Value timeout = value(s, "timeout");
        assertThat(timeout.seconds()).isEqualTo(40.0);
        assertThat(timeout.source()).isEqualTo(Source.GUNICORN_CMD_ARGS);
        assertThat(timeout.describe()).isEqualTo("`--timeout 40` in GUNICORN_CMD_ARGS (Dockerfile line 5)");
        Value threads = value(s, "threads");
        assertThat(threads.integer()).isEqualTo(4);
        assertThat(threads.source()).isEqualTo(Source.CONFIG_FILE);
        assertThat(threads.location().line()).isEqualTo(3);
        assertThat(value(s, "worker_class").value()).isEqualTo("gthread");
        Value bind = value(s, "bind");
        assertThat(bind.source()).isEqualTo(Source.DEFAULT);
        assertThat(bind.value()).isNull();
    }

    @Test
    void webConcurrencyIsOnlyTheDefaultOfWorkers() throws IOException {
        GunicornSettings fromConfig = settings(Map.of("Dockerfile", BASE + "ENV WEB_CONCURRENCY=6\n"
                + "CMD [\"gunicorn\", \"app:app\"]\n", "gunicorn.conf.py", "workers = 2\n"));
        assertThat(value(fromConfig, "workers").source()).isEqualTo(Source.CONFIG_FILE);
        assertThat(value(fromConfig, "workers").value()).isEqualTo("2");
    }

    @Test
    void webConcurrencySetsWorkersWhenNothingElseDoes() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE + "ENV WEB_CONCURRENCY=6\n"
                + "CMD [\"gunicorn\", \"app:app\"]\n"));
        Value workers = value(s, "workers");
        assertThat(workers.source()).isEqualTo(Source.WEB_CONCURRENCY);
        assertThat(workers.integer()).isEqualTo(6);
        assertThat(workers.location().line()).isEqualTo(5);
        assertThat(value(s, "threads").source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void gunicornCmdArgsIsSplitAsShellWordsAndItsConfigOptionChoosesTheFile() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE
                        + "ENV GUNICORN_CMD_ARGS=\"-c conf/prod.py --bind '0.0.0.0:8000' --worker-class=gevent\"\n"
                        + "CMD [\"gunicorn\", \"app:app\"]\n",
                "conf/prod.py", "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2\n",
                "gunicorn.conf.py", "workers = 9\n"));
        assertThat(value(s, "bind").value()).isEqualTo("0.0.0.0:8000");
        assertThat(value(s, "worker_class").value()).isEqualTo("gevent");
        Value workers = value(s, "workers");
        assertThat(workers.source()).isEqualTo(Source.CONFIG_FILE);
        assertThat(workers.computed()).isTrue();
        assertThat(workers.location().file()).isEqualTo("conf/prod.py");
    }

    @Test
    void composeEnvironmentIsWhereTheVariableIsSet() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE
                        + "ENV GUNICORN_CMD_ARGS=\"--graceful-timeout 5\"\n"
                        + "CMD [\"gunicorn\", \"app:app\"]\n",
                "compose.yaml", "services:\n  web:\n    build: .\n    environment:\n"
                        + "      GUNICORN_CMD_ARGS: \"--graceful-timeout 45\"\n"));
        Value graceful = value(s, "graceful_timeout");
        assertThat(graceful.seconds()).isEqualTo(45.0);
        assertThat(graceful.location().file()).isEqualTo("compose.yaml");
        assertThat(graceful.location().line()).isEqualTo(5);
    }

    @Test
    void aConfigFileOutsideTheBuildContextLeavesWhatTheCommandDoesNotSetUnknown() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE
                + "CMD [\"gunicorn\", \"-c\", \"/etc/gunicorn/conf.py\", \"--threads\", \"8\", \"app:app\"]\n"));
        assertThat(s.configFileUnknown()).isTrue();
        assertThat(s.get("workers")).isEmpty();
        assertThat(value(s, "threads").integer()).isEqualTo(8);
    }

    @Test
    void preloadIsTheFlagOfPreloadApp() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE
                + "CMD [\"gunicorn\", \"--preload\", \"app:app\"]\n"));
        assertThat(value(s, "preload_app").value()).isEqualTo("true");
        assertThat(value(s, "preload_app").written()).isEqualTo("--preload");
    }

    @Test
    void aListOfStringsInTheConfigFileIsReadAsRepeatedBinds() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE + "CMD [\"gunicorn\", \"app:app\"]\n",
                "gunicorn.conf.py", "bind = ('0.0.0.0:8080', \"[::]:8080\",)  # both stacks\n"));
        Value bind = value(s, "bind");
        assertThat(bind.value()).isEqualTo("0.0.0.0:8080,[::]:8080");
        assertThat(bind.computed()).isFalse();
        assertThat(bind.written()).isEqualTo("bind = ('0.0.0.0:8080', \"[::]:8080\",)");
    }

    @Test
    void aListWithAnExpressionIsComputed() throws IOException {
        GunicornSettings s = settings(Map.of("Dockerfile", BASE + "CMD [\"gunicorn\", \"app:app\"]\n",
                "gunicorn.conf.py", "import os\nbind = [\"0.0.0.0:\" + os.environ[\"PORT\"]]\n"));
        assertThat(value(s, "bind").computed()).isTrue();
    }
}
