package dev.drydock.cli;

import dev.drydock.core.shellcheck.ShellCheck;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warm JVM answering drydock commands for the launcher ({@code drydock daemon start}). It listens on
 * 127.0.0.1 only and answers only clients that send its token (the state file holds it, readable by its owner).
 *
 * <p>A request is NUL-terminated fields: token, the client's folder, {@code 1} when its standard output is a
 * terminal, NO_COLOR ({@code =value} when set, empty when unset), TERM, PATH, the number of arguments, the
 * arguments. The answer is a line {@code EXIT OUTLEN ERRLEN}, then OUTLEN bytes of standard output and ERRLEN
 * bytes of standard error. A request the daemon does not run (a batch with a folder, --debug, another shellcheck on the
 * client's PATH, a rebuilt jar) or that ends in an input error is answered {@code PASS 0 0}: the client runs it
 * in a process of its own.
 * {@code --daemon-status} and {@code --daemon-stop} as the only argument ask about or end the daemon.
 */
final class DaemonServer implements AutoCloseable {

    static final String STATUS = "--daemon-status";
    static final String STOP = "--daemon-stop";

    private static final int MAX_FIELD_BYTES = 1 << 20;
    private static final int MAX_ARGUMENTS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final ServerSocket socket;
    private final String token;
    private final Duration idleTimeout;
    private final DaemonState.JarStamp jar;
    private final Instant started = Instant.now();
    private final AtomicLong served = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private volatile long lastActive = System.nanoTime();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "drydock-daemon-request");
        thread.setDaemon(true);
        return thread;
    });

    private DaemonServer(ServerSocket socket, String token, Duration idleTimeout, DaemonState.JarStamp jar) {
        this.socket = socket;
        this.token = token;
        this.idleTimeout = idleTimeout;
        this.jar = jar;
    }

    /** A server on an ephemeral port of 127.0.0.1 with a fresh random token, not yet accepting. */
    static DaemonServer open(Duration idleTimeout, DaemonState.JarStamp jar) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new DaemonServer(socket, HexFormat.of().formatHex(secret), idleTimeout, jar);
    }

    int port() {
        return socket.getLocalPort();
    }

    String token() {
        return token;
    }

    /** What the state file says of this server. */
    DaemonState state() {
        return new DaemonState(port(), token, ProcessHandle.current().pid(), jar, started);
    }

    /** Answers requests until {@link #close()}, a stop request or the idle timeout. */
    void serve() {
        Thread watcher = new Thread(this::watchIdleness, "drydock-daemon-idle");
        watcher.setDaemon(true);
        watcher.start();
        try {
            while (!socket.isClosed()) {
                Socket client = socket.accept();
                active.incrementAndGet();
                lastActive = System.nanoTime();
                workers.execute(() -> answer(client));
            }
        } catch (IOException e) {
            // closed: stopped or idle
        } finally {
            close();
            watcher.interrupt();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        workers.shutdown();
    }

    boolean closed() {
        return socket.isClosed();
    }

    private void watchIdleness() {
        long checkEvery = Math.max(10, Math.min(1_000, idleTimeout.toMillis() / 4));
        try {
            while (!socket.isClosed()) {
                Thread.sleep(checkEvery);
                if (active.get() == 0 && System.nanoTime() - lastActive > idleTimeout.toNanos()) {
                    close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(Socket client) {
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            byte[] given = field(in);
            // the whole request is read before any answer: closing on unread bytes would reset the connection
            Request request = Request.read(in);
            if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), given)) {
                out.write("REFUSED 0 0\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (request.args().length == 1 && request.args()[0].equals(STATUS)) {
                reply(out, 0, status().getBytes(StandardCharsets.UTF_8), new byte[0]);
            } else if (request.args().length == 1 && request.args()[0].equals(STOP)) {
                reply(out, 0, ("drydock: daemon stopped (pid " + ProcessHandle.current().pid() + ")\n")
                        .getBytes(StandardCharsets.UTF_8), new byte[0]);
                close();
            } else if (!DaemonState.JarStamp.of(jar.path()).equals(jar)) {
                out.write("PASS 0 0\n".getBytes(StandardCharsets.US_ASCII));
                close(); // the jar was rebuilt: this JVM runs an older drydock
            } else {
                run(request, out);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent garbage: it falls back to a process of its own
        } finally {
            lastActive = System.nanoTime();
            active.decrementAndGet();
        }
    }

    private void run(Request request, OutputStream answer) throws IOException {
        if (!request.folder().isAbsolute() || !Files.isDirectory(request.folder())
                || !Objects.equals(shellCheckOn(request.path()), ShellCheck.onPath().map(ShellCheck::executable)
                        .orElse(null))) {
            answer.write("PASS 0 0\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        int exit = Main.run(request.args(), outWriter, errWriter, request.invocation());
        // an input error names the paths as the daemon resolved them (absolute): the client's own run names them as given
        if (exit == Invocation.NOT_SERVED || exit == Main.INPUT_ERROR) {
            answer.write("PASS 0 0\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        outWriter.flush();
        errWriter.flush();
        served.incrementAndGet();
        reply(answer, exit & 0xff, out.toByteArray(), err.toByteArray());
    }

    private static void reply(OutputStream out, int exit, byte[] stdout, byte[] stderr) throws IOException {
        out.write((exit + " " + stdout.length + " " + stderr.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(stdout);
        out.write(stderr);
        out.flush();
    }

    private String status() {
        return "drydock: daemon running (pid " + ProcessHandle.current().pid() + ") on 127.0.0.1:" + port()
                + " since " + started + ", " + served.get() + " request" + (served.get() == 1 ? "" : "s")
                + " served\n";
    }

    /** The shellcheck the client would run: its PATH's, as {@link ShellCheck#onPath()} finds the daemon's. */
    private static Path shellCheckOn(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "shellcheck");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** One field: the bytes up to a NUL. */
    private static byte[] field(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0 || bytes.size() >= MAX_FIELD_BYTES) {
                throw new IOException("not a request");
            }
            bytes.write(b);
        }
        return bytes.toByteArray();
    }

    private static String text(InputStream in) throws IOException {
        return new String(field(in), StandardCharsets.UTF_8);
    }

    /** What a client asks: where it runs, its terminal and environment, and the arguments. */
    private record Request(Path folder, boolean terminal, String noColor, String term, String path, String[] args) {

        static Request read(InputStream in) throws IOException {
            String folder = text(in);
            boolean terminal = text(in).equals("1");
            String noColor = text(in);
            String term = text(in);
            String path = text(in);
            int count;
            try {
                count = Integer.parseInt(text(in));
            } catch (NumberFormatException e) {
                throw new IOException("not a request", e);
            }
            if (count < 0 || count > MAX_ARGUMENTS) {
                throw new IOException("not a request");
            }
            String[] args = new String[count];
            for (int i = 0; i < count; i++) {
                args[i] = text(in);
            }
            return new Request(Path.of(folder), terminal, noColor.startsWith("=") ? noColor.substring(1) : null,
                    term, path, args);
        }

        Invocation invocation() {
            return Invocation.client(folder, terminal, name -> switch (name) {
                case "NO_COLOR" -> noColor;
                case "TERM" -> term.isEmpty() ? null : term;
                case "PATH" -> path;
                default -> null;
            });
        }
    }
}
