package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.Container;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.ReviewContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramPortsTest {

    @TempDir
    Path dir;

    private static final String BASE = "FROM python:3.12.7-slim\nWORKDIR /srv\nCOPY . .\nUSER 10001\n";

    private ReviewContext context;
    private Container container;

    private ProgramPorts ports(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        context = new ReviewContext(new ProjectLoader().load(dir));
        container = context.builtContainers().get(0);
        return ProgramPorts.of(context, container, container.entryPoint());
    }

    private ProgramPorts gunicorn(String dockerfileLines, String config) throws IOException {
        return config == null ? ports(Map.of("Dockerfile", BASE + dockerfileLines))
                : ports(Map.of("Dockerfile", BASE + dockerfileLines, "gunicorn.conf.py", config));
    }

    @Test
    void gunicornsConfigFileBindGivesThePortAndWhereItIsWritten() throws IOException {
        ProgramPorts p = gunicorn("CMD [\"gunicorn\", \"-c\", \"gunicorn.conf.py\", \"app:app\"]\n",
                "workers = 2\nbind = \"0.0.0.0:8080\"\n");
        assertThat(p.ports()).containsExactly(8080);
        assertThat(p.because()).isEqualTo("`bind = \"0.0.0.0:8080\"` in gunicorn.conf.py line 2");
        assertThat(p.settled()).isTrue();
        assertThat(p.variable()).isNull();
        assertThat(AppFacts.commandPort(context, container, container.entryPoint())).isEqualTo(8080);
        assertThat(AppFacts.commandPort(container.entryPoint())).isNull();
        assertThat(AppFacts.port(context, container, Apps.of(context, container))).isEqualTo(8080);
    }

    @Test
    void aListOfAddressesGivesEachPortOnceAndAHostAloneIsPort8000() throws IOException {
        ProgramPorts p = gunicorn("CMD [\"gunicorn\", \"app:app\"]\n",
                "bind = [\"0.0.0.0:8080\", \"[::]:8080\", \"10.0.0.5\"]\n");
        assertThat(p.ports()).containsExactly(8080, 8000);
    }

    @Test
    void theCommandLineAndGunicornCmdArgsComeBeforeTheConfigFile() throws IOException {
        ProgramPorts command = gunicorn("ENV GUNICORN_CMD_ARGS=\"--bind 0.0.0.0:9000\"\n"
                + "CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"app:app\"]\n", "bind = \"0.0.0.0:8080\"\n");
        assertThat(command.ports()).containsExactly(5000);
        assertThat(command.because()).isNull();
    }

    @Test
    void gunicornCmdArgsIsNamedAsWhereTheBindComesFrom() throws IOException {
        ProgramPorts p = gunicorn("ENV GUNICORN_CMD_ARGS=\"--workers 2 --bind 0.0.0.0:9000\"\n"
                + "CMD [\"gunicorn\", \"app:app\"]\n", "bind = \"0.0.0.0:8080\"\n");
        assertThat(p.ports()).containsExactly(9000);
        assertThat(p.because()).isEqualTo("`--bind 0.0.0.0:9000` in GUNICORN_CMD_ARGS (Dockerfile line 5)");
    }

    @Test
    void aComputedBindLeavesThePortUnknownAndSettled() throws IOException {
        ProgramPorts p = gunicorn("ENV PORT=5000\nCMD [\"gunicorn\", \"app:app\"]\n",
                "import os\nbind = f\"0.0.0.0:{os.environ['PORT']}\"\n");
        assertThat(p.ports()).isEmpty();
        assertThat(p.settled()).isTrue();
        assertThat(AppFacts.commandPort(context, container, container.entryPoint())).isNull();
    }

    @Test
    void aVariableInTheConfigFileIsNotExpanded() throws IOException {
        ProgramPorts p = gunicorn("CMD [\"gunicorn\", \"app:app\"]\n", "bind = \"0.0.0.0:$PORT\"\n");
        assertThat(p.ports()).isEmpty();
        assertThat(p.variable()).isNull();
        assertThat(p.settled()).isTrue();
    }

    @Test
    void aVariableTheShellExpandsOnTheCommandLineIsThePortVariable() throws IOException {
        ProgramPorts p = gunicorn("CMD gunicorn --bind 0.0.0.0:$PORT app:app\n", null);
        assertThat(p.ports()).isEmpty();
        assertThat(p.variable()).isEqualTo("PORT");
        assertThat(AppFacts.portVariable(context, container, container.entryPoint())).isEqualTo("PORT");
    }

    @Test
    void theDefaultBindIsAllInterfacesOnPortWhenPortIsSet() throws IOException {
        ProgramPorts p = gunicorn("ENV PORT=8080\nCMD [\"gunicorn\", \"app:app\"]\n", null);
        assertThat(p.ports()).containsExactly(8080);
        assertThat(p.setting()).isEqualTo("PORT");
        assertThat(p.because()).isEqualTo("gunicorn's default bind, 0.0.0.0:$PORT, with PORT=8080 in its environment");
    }

    @Test
    void theLoopbackDefaultLeavesThePortToOtherSources() throws IOException {
        ProgramPorts p = gunicorn("EXPOSE 5000\nCMD [\"gunicorn\", \"app:app\"]\n", null);
        assertThat(p.ports()).isEmpty();
        assertThat(p.settled()).isFalse();
        assertThat(AppFacts.port(context, container, Apps.of(context, container))).isEqualTo(5000);
    }

    @Test
    void aPortThatIsNoNumberLeavesTheDefaultUnknown() throws IOException {
        ProgramPorts p = gunicorn("ENV PORT=http\nCMD [\"gunicorn\", \"app:app\"]\n", null);
        assertThat(p.ports()).isEmpty();
        assertThat(p.settled()).isTrue();
    }

    @Test
    void aUnixSocketHasNoTcpPort() throws IOException {
        ProgramPorts p = gunicorn("CMD [\"gunicorn\", \"app:app\"]\n", "bind = \"unix:/run/app.sock\"\n");
        assertThat(p.ports()).isEmpty();
        assertThat(p.settled()).isTrue();
    }

    @Test
    void aConfigFileDrydockCannotReadLeavesTheBindUnknown() throws IOException {
        ProgramPorts p = gunicorn("CMD [\"gunicorn\", \"-c\", \"/etc/gunicorn.py\", \"app:app\"]\n", null);
        assertThat(p.ports()).isEmpty();
        assertThat(p.settled()).isTrue();
    }

    @Test
    void uvicornNamesUvicornPortWhenThePortComesFromIt() throws IOException {
        ProgramPorts p = ports(Map.of("Dockerfile", BASE + "ENV UVICORN_PORT=8080\n"
                + "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n"));
        assertThat(p.ports()).containsExactly(8080);
        assertThat(p.setting()).isEqualTo("UVICORN_PORT");
        assertThat(p.because()).isEqualTo("UVICORN_PORT=8080 in its environment");
        ProgramPorts written = ports(Map.of("Dockerfile", BASE + "ENV UVICORN_PORT=8080\n"
                + "CMD [\"uvicorn\", \"main:app\", \"--port\", \"9000\"]\n"));
        assertThat(written.ports()).containsExactly(9000);
        assertThat(written.setting()).isNull();
    }

    @Test
    void hypercornReadsBindFromItsTomlFile() throws IOException {
        ProgramPorts p = ports(Map.of("Dockerfile", BASE + "CMD [\"hypercorn\", \"-c\", \"conf/hypercorn.toml\", \"main:app\"]\n",
                "conf/hypercorn.toml", "workers = 2\nbind = [\"0.0.0.0:8080\"]\ninsecure_bind = \"0.0.0.0:8081\"\n"));
        assertThat(p.ports()).containsExactly(8080); // insecure_bind only with TLS
        assertThat(p.because()).isEqualTo("`bind = [\"0.0.0.0:8080\"]` in conf/hypercorn.toml line 2");
    }

    @Test
    void hypercornOpensInsecureBindBesideBindWithTls() throws IOException {
        ProgramPorts p = ports(Map.of("Dockerfile", BASE + "CMD [\"hypercorn\", \"-c\", \"hypercorn.toml\", \"main:app\"]\n",
                "hypercorn.toml", "bind = \"0.0.0.0:8443\"\ninsecure_bind = [\"0.0.0.0:8080\"]\n"
                        + "certfile = \"/certs/cert.pem\"\nkeyfile = \"/certs/key.pem\"\n"));
        assertThat(p.ports()).isEqualTo(List.of(8443, 8080));
    }

    @Test
    void hypercornsCommandLineBindWinsAndAPythonConfigIsUnknown() throws IOException {
        ProgramPorts command = ports(Map.of("Dockerfile", BASE
                        + "CMD [\"hypercorn\", \"-c\", \"hypercorn.toml\", \"--bind\", \"0.0.0.0:5000\", \"main:app\"]\n",
                "hypercorn.toml", "bind = \"0.0.0.0:8080\"\n"));
        assertThat(command.ports()).containsExactly(5000);
        ProgramPorts python = ports(Map.of("Dockerfile", BASE
                + "CMD [\"hypercorn\", \"-c\", \"file:hypercorn_conf.py\", \"main:app\"]\n",
                "hypercorn_conf.py", "bind = [\"0.0.0.0:8080\"]\n"));
        assertThat(python.ports()).isEmpty();
        assertThat(python.settled()).isTrue();
    }
}
