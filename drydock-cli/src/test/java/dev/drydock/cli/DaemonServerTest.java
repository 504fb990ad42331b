package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's server in this JVM: what it answers, for whom, in which folder, and when it ends. */
class DaemonServerTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private DaemonServer server;
    private Thread serving;

    private void start(Duration idle) throws IOException {
        server = DaemonServer.open(idle, DaemonState.JarStamp.running());
        serving = new Thread(server::serve);
        serving.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
            serving.join(10_000);
        }
    }

    /** What the daemon answered: the header's first word, the exit code when it is one, and the output. */
    record Answer(String status, String out, String err) {
        int exit() {
            return Integer.parseInt(status);
        }
    }

    private Answer ask(String token, Path folder, String... args) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream request = socket.getOutputStream();
            List<String> fields = new ArrayList<>(List.of(token, folder.toString(), "0", "", "dumb",
                    System.getenv().getOrDefault("PATH", ""), String.valueOf(args.length)));
            fields.addAll(List.of(args));
            for (String field : fields) {
                request.write(field.getBytes(StandardCharsets.UTF_8));
                request.write(0);
            }
            request.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
                header.write(b);
            }
            String[] parts = header.toString(StandardCharsets.US_ASCII).split(" ");
            String out = new String(in.readNBytes(Integer.parseInt(parts[1])), StandardCharsets.UTF_8);
            String err = new String(in.readNBytes(Integer.parseInt(parts[2])), StandardCharsets.UTF_8);
            return new Answer(parts[0], out, err);
        }
    }

    @Test
    void aReviewAnswersWhatTheCommandPrintsAndItsExitCode() throws IOException {
        start(Duration.ofMinutes(5));
        Path project = EXAMPLES.resolve("flask-notes");
        CliRun direct = CliRun.of("review", project.toString(), "--color", "never");
        Answer answer = ask(server.token(), EXAMPLES, "review", project.toString(), "--color", "never");
        assertThat(answer.exit()).isEqualTo(direct.exit());
        assertThat(answer.out()).isEqualTo(direct.out()).isNotEmpty();
        assertThat(answer.err()).isEqualTo(direct.err());
    }

    @Test
    void relativePathsAreTheClientsFolders(@TempDir Path client) throws IOException {
        start(Duration.ofMinutes(5));
        Path project = Files.createDirectories(client.resolve("svc"));
        Files.writeString(project.resolve("Dockerfile"), "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\"]\n");
        Answer json = ask(server.token(), client, "review", "svc", "--format", "json", "--fail-on", "none");
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"project\" : \"svc\"").contains("python-script-missing");
        Answer written = ask(server.token(), client, "review", "svc", "-o", "out.sarif", "--fail-on", "none");
        assertThat(written.exit()).isZero();
        assertThat(client.resolve("out.sarif")).isRegularFile();
        Answer github = ask(server.token(), client, "review", "svc/Dockerfile", "--format", "github", "--fail-on", "none");
        assertThat(github.out()).contains("file=svc/Dockerfile,").doesNotContain("svc/Dockerfile/");
        // its message would name the path as the daemon resolved it: the client runs it itself
        assertThat(ask(server.token(), client, "review", "nowhere").status()).isEqualTo("PASS");
    }

    @Test
    void aBatchOfFilesIsReviewedInTheClientsFolderAndShownAsGiven(@TempDir Path client) throws IOException {
        start(Duration.ofMinutes(5));
        Files.createDirectories(client.resolve("api"));
        Files.writeString(client.resolve("api/Dockerfile"), "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\"]\n");
        Files.createDirectories(client.resolve("deploy"));
        Files.writeString(client.resolve("deploy/compose.yaml"), "services:\n  web:\n    image: nginx:latest\n"
                + "    privileged: true\n");
        for (String format : List.of("text", "github", "jsonl", "sarif")) {
            Answer served = ask(server.token(), client, "review", "--batch", "--format", format, "api/Dockerfile",
                    "./deploy/compose.yaml");
            // a normal run in the client's folder: the same files, named from here and shown from there
            CliRun direct = CliRun.of("review", "--batch", "--format", format,
                    client.resolve("api/Dockerfile").toString(), client.resolve("./deploy/compose.yaml").toString());
            String prefix = client + java.io.File.separator;
            assertThat(served.status()).as(format).isNotEqualTo("PASS");
            assertThat(served.exit()).as(format).isEqualTo(direct.exit()).isEqualTo(1);
            assertThat(served.err()).as(format).isEqualTo(direct.err());
            String expected = direct.out().replace(prefix, "");
            String servedOut = served.out();
            if (format.equals("sarif")) {
                // the log's base is the folder the run is shown from: the client's, where the test JVM's is not
                expected = expected.replace(Path.of("").toAbsolutePath().toUri().toString(), client.toUri().toString());
                // and its fingerprints hash each file's path as shown: absolute in the direct run here
                servedOut = servedOut.replaceAll("\"drydock/v1\" : \"[0-9a-f]+", "\"drydock/v1\" : \"");
                expected = expected.replaceAll("\"drydock/v1\" : \"[0-9a-f]+", "\"drydock/v1\" : \"");
            }
            assertThat(servedOut).as(format).isEqualTo(expected);
            assertThat(served.out().replace(client.toUri().toString(), "")).as(format).contains("api/Dockerfile")
                    .doesNotContain(client.toString());
        }
        assertThat(ask(server.token(), client, "review", "--batch", "--format", "text", "api/Dockerfile",
                "./deploy/compose.yaml").out()).contains("== api/Dockerfile\n").contains("== ./deploy/compose.yaml\n");
    }

    @Test
    void aBatchWithAFolderOrTooManyFilesIsHandedBack() throws IOException {
        start(Duration.ofMinutes(5));
        assertThat(ask(server.token(), EXAMPLES, "review", "--batch", "--format", "text", "flask-notes/Dockerfile",
                "go-clean").status()).isEqualTo("PASS");
        List<String> many = new ArrayList<>(List.of("review", "--batch", "--format", "text"));
        for (int i = 0; i <= BatchReview.MOST_SERVED_FILES; i++) {
            many.add("flask-notes/Dockerfile");
        }
        assertThat(ask(server.token(), EXAMPLES, many.toArray(String[]::new)).status()).isEqualTo("PASS");
        assertThat(ask(server.token(), EXAMPLES, "review", "--batch", "--format", "text", "flask-notes/Dockerfile",
                "-v").status()).isEqualTo("PASS");
        assertThat(ask(server.token(), EXAMPLES, "review", "--batch", "--format", "text", "flask-notes/Dockerfile",
                "missing/Dockerfile").status()).isEqualTo("PASS");
    }

    @Test
    void aWrongTokenIsRefused() throws IOException {
        start(Duration.ofMinutes(5));
        String wrong = server.token().substring(1) + (server.token().charAt(0) == 'a' ? 'b' : 'a');
        Answer answer = ask(wrong, EXAMPLES, "rules");
        assertThat(answer.status()).isEqualTo("REFUSED");
        assertThat(answer.out()).isEmpty();
    }

    @Test
    void concurrentRequestsGetTheirOwnOutput() throws Exception {
        start(Duration.ofMinutes(5));
        List<String> projects = List.of("flask-notes", "go-clean", "flask-notes", "go-clean");
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (String project : projects) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ask(server.token(), EXAMPLES, "review", project, "--format", "json", "--fail-on", "none");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (int i = 0; i < projects.size(); i++) {
            Answer answer = answers.get(i).get();
            assertThat(answer.exit()).isZero();
            assertThat(answer.out()).contains("\"project\" : \"" + projects.get(i) + "\"");
            CliRun direct = CliRun.of("review", EXAMPLES.resolve(projects.get(i)).toString(), "--format", "json",
                    "--fail-on", "none");
            assertThat(withoutProject(answer.out())).isEqualTo(withoutProject(direct.out()));
        }
    }

    private static String withoutProject(String json) {
        return json.replaceFirst("\"project\" : \"[^\"]*\"", "");
    }

    @Test
    void whatMustRunInItsOwnProcessIsHandedBack() throws IOException {
        start(Duration.ofMinutes(5));
        assertThat(ask(server.token(), EXAMPLES, "review", "--batch", "flask-notes").status()).isEqualTo("PASS");
        assertThat(ask(server.token(), EXAMPLES, "review", "flask-notes", "--debug").status()).isEqualTo("PASS");
        assertThat(ask(server.token(), EXAMPLES, "review", "flask-notes", "-v").status()).isEqualTo("PASS");
        assertThat(ask(server.token(), EXAMPLES, "fix", "flask-notes").status()).isEqualTo("PASS");
        assertThat(ask(server.token(), EXAMPLES, "daemon", "stop").status()).isEqualTo("PASS");
        assertThat(server.closed()).isFalse();
    }

    @Test
    void statusAndStopAnswerTheTokenHolder() throws IOException, InterruptedException {
        start(Duration.ofMinutes(5));
        ask(server.token(), EXAMPLES, "--version");
        assertThat(DaemonCommand.ask(server.state(), DaemonServer.STATUS)).hasValueSatisfying(
                s -> assertThat(s).contains("daemon running").contains("1 request served"));
        assertThat(DaemonCommand.ask(server.state(), DaemonServer.STOP)).isPresent();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
    }

    @Test
    void itEndsAfterTheIdleTimeout() throws IOException, InterruptedException {
        start(Duration.ofMillis(200));
        serving.join(20_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(server.closed()).isTrue();
    }

    @Test
    void theStateFileIsTheOwnersOnlyAndTheBashClientSpeaksTheProtocol(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")));
        start(Duration.ofMinutes(5));
        Path stateFile = dir.resolve("run/drydock/daemon");
        DaemonState state = server.state();
        state.write(stateFile);
        assertThat(DaemonState.read(stateFile)).contains(state);
        assertThat(Files.getPosixFilePermissions(stateFile))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(stateFile.getParent()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        Path script = Path.of("..", "scripts", "daemon-client").toAbsolutePath().normalize();
        Process client = new ProcessBuilder("bash", script.toString(), stateFile.toString(),
                state.jar().path().toString(), "review", "flask-notes", "--fail-on", "none", "--color", "never")
                .directory(EXAMPLES.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor()).isZero();
        assertThat(out).isEqualTo(CliRun.of("review", EXAMPLES.resolve("flask-notes").toString(), "--fail-on",
                "none", "--color", "never").out());

        Process otherBuild = new ProcessBuilder("bash", script.toString(), stateFile.toString(), "/elsewhere.jar",
                "rules").start();
        assertThat(otherBuild.getInputStream().readAllBytes()).isEmpty();
        assertThat(otherBuild.waitFor()).isEqualTo(111);
        state.remove(stateFile);
        assertThat(stateFile).doesNotExist();
    }

    @Test
    void durationsOfTheIdleTimeout() {
        assertThat(DaemonCommand.duration("30")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DaemonCommand.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DaemonCommand.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DaemonCommand.duration("0")).isNull();
        assertThat(DaemonCommand.duration("soon")).isNull();
    }
}
