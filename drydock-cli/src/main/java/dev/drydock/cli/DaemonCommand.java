package dev.drydock.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drydock daemon start|stop|status}: a warm JVM in the background that the launcher hands reviews to
 * (see {@link DaemonServer}), for editors and pre-commit hooks where a JVM start is most of a review.
 */
final class DaemonCommand implements Callable<Integer> {

    enum Action { start, stop, status, serve }

    /** Exit code of {@code status} when no daemon runs. */
    static final int NOT_RUNNING = 3;

    Action action;
    String idleTimeout;
    private final Invocation invocation;

    DaemonCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    final CommandSpec spec = Specs.exitCodes(Specs.command(this, "daemon",
                    "Keep a warm drydock in the background (127.0.0.1 only, answering only the holder of the token",
                    "in its state file) that ./drydock hands review, rules and parse to: a review of one Dockerfile",
                    "then takes milliseconds instead of a JVM start. It ends after --idle-timeout without requests.",
                    "Set DRYDOCK_NO_DAEMON=1 to keep a command off it."),
            "0:done (status: the daemon runs)", "2:it could not start", NOT_RUNNING + ":status: no daemon runs")
            .addPositional(Specs.parameter(Action.class, v -> action = v, "ACTION", "start, stop or status."))
            .addOption(Specs.option(String.class, v -> idleTimeout = v, "DURATION", "With start: end after this long"
                    + " without a request: minutes, or a number with s, m or h (default 30m).", "--idle-timeout")
                    .defaultValue("30m").build());

    @Override
    public Integer call() throws IOException, InterruptedException {
        invocation.requireOwnProcess();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration idle = duration(idleTimeout);
        if (idle == null) {
            err.println("drydock: --idle-timeout " + idleTimeout + ": give minutes, or a number with s, m or h");
            err.flush();
            return Main.INPUT_ERROR;
        }
        Path stateFile = DaemonState.location(invocation::env);
        int exit = switch (action) {
            case serve -> serve(stateFile, idle);
            case status -> status(stateFile, out);
            case stop -> stop(stateFile, out);
            case start -> start(stateFile, idle, out, err);
        };
        out.flush();
        err.flush();
        return exit;
    }

    private static int serve(Path stateFile, Duration idle) throws IOException {
        try (DaemonServer server = DaemonServer.open(idle, DaemonState.JarStamp.running())) {
            DaemonState state = server.state();
            state.write(stateFile);
            Thread removal = new Thread(() -> state.remove(stateFile));
            Runtime.getRuntime().addShutdownHook(removal);
            server.serve();
            state.remove(stateFile);
        }
        return 0;
    }

    private static int status(Path stateFile, PrintWriter out) {
        Optional<DaemonState> state = DaemonState.read(stateFile);
        Optional<String> answer = state.flatMap(s -> ask(s, DaemonServer.STATUS));
        if (answer.isEmpty()) {
            forgetIfGone(stateFile, state);
            out.println("drydock: no daemon running");
            return NOT_RUNNING;
        }
        out.print(answer.get());
        DaemonState s = state.get();
        if (!s.jar().equals(DaemonState.JarStamp.running())) {
            out.println("drydock: it runs another build (" + s.jar().path() + "): ./drydock does not use it;"
                    + " restart it with drydock daemon stop, then start");
        }
        return 0;
    }

    private static int stop(Path stateFile, PrintWriter out) throws InterruptedException {
        Optional<DaemonState> state = DaemonState.read(stateFile);
        Optional<String> answer = state.flatMap(s -> ask(s, DaemonServer.STOP));
        if (answer.isEmpty()) {
            forgetIfGone(stateFile, state);
            out.println("drydock: no daemon running");
            return 0;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(state.get().pid());
        if (process.isPresent()) {
            try {
                process.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // it said it stops; the state file is gone or goes with it
            }
        }
        out.print(answer.get());
        return 0;
    }

    private int start(Path stateFile, Duration idle, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Optional<DaemonState> running = DaemonState.read(stateFile);
        if (running.isPresent() && ask(running.get(), DaemonServer.STATUS).isPresent()) {
            if (running.get().jar().equals(DaemonState.JarStamp.running())) {
                out.println("drydock: the daemon already runs (pid " + running.get().pid() + ") on 127.0.0.1:"
                        + running.get().port() + "; state in " + stateFile);
                return 0;
            }
            ask(running.get(), DaemonServer.STOP); // another build of drydock: this one replaces it
        }
        Path log = stateFile.resolveSibling("daemon.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid); // its own session: a terminal's hang-up or Ctrl-C does not reach it
                break;
            }
        }
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "daemon", "serve",
                "--idle-timeout", idle.toSeconds() + "s"));
        Process process = new ProcessBuilder(command).directory(Path.of("/").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<DaemonState> state = DaemonState.read(stateFile);
            if (state.isPresent() && state.get().pid() == process.pid()) {
                out.println("drydock: daemon started (pid " + process.pid() + "), listening on 127.0.0.1:"
                        + state.get().port() + "; state in " + stateFile + "; it ends after " + idle.toMinutes()
                        + " min without a request");
                return 0;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        process.destroy();
        err.println("drydock: the daemon did not start (see " + log + ")");
        return Main.INPUT_ERROR;
    }

    /** Removes a state file whose daemon no longer runs. */
    private static void forgetIfGone(Path stateFile, Optional<DaemonState> state) {
        if (state.isPresent() && ProcessHandle.of(state.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return; // alive but not answering: busy, or another program reusing the pid; leave it
        }
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            // nothing to tidy up then
        }
    }

    /** A control request ({@link DaemonServer#STATUS} or STOP) to the daemon; empty when it does not answer. */
    static Optional<String> ask(DaemonState state, String control) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), state.port())) {
            socket.setSoTimeout(5_000);
            OutputStream request = socket.getOutputStream();
            for (String field : List.of(state.token(), "/", "0", "", "", "", "1", control)) {
                request.write(field.getBytes(StandardCharsets.UTF_8));
                request.write(0);
            }
            request.flush();
            InputStream in = socket.getInputStream();
            String header = line(in);
            String[] parts = header.split(" ");
            if (parts.length != 3 || !parts[0].equals("0")) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readNBytes(Integer.parseInt(parts[1])), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || bytes.size() > 100) {
                throw new IOException("no answer");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** "30" (minutes), "90s", "30m", "2h"; null when it is none of these or not positive. */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        char unit = value.isEmpty() ? 'm' : value.charAt(value.length() - 1);
        String number = Character.isDigit(unit) ? value : value.substring(0, value.length() - 1);
        try {
            long amount = Long.parseLong(number);
            if (amount <= 0 || amount > 1_000_000) {
                return null;
            }
            return switch (Character.isDigit(unit) ? 'm' : unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
