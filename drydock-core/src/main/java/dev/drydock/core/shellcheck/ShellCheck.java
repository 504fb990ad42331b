package dev.drydock.core.shellcheck;

import dev.drydock.core.source.TempFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The {@code shellcheck} program found on {@code PATH}. One run checks many scripts (one process per
 * Dockerfile, not per RUN); results are remembered by script text, so that re-reviews during a fix cost
 * nothing for scripts that did not change.
 */
public final class ShellCheck {

    /** Source directives (SC1090, SC1091) cannot be followed from a Dockerfile; SC2187: ash is checked as sh. */
    private static final String EXCLUDED = "SC1090,SC1091,SC2187";
    private static final int CACHE_LIMIT = 20_000;
    /**
     * How long one run may take. A Dockerfile's scripts take shellcheck well under a second; a pathological
     * one (hundreds of nested command substitutions, thousands of commands in one RUN) can keep it busy
     * for minutes and gigabytes, and it is then stopped and the review goes on without it.
     */
    private static final long TIMEOUT_SECONDS = 20;

    /** shellcheck processes running now, stopped if drydock is interrupted before they end. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "drydock-shellcheck-stop"));
    }

    private final Path executable;
    private final long timeoutMillis;
    private final Map<String, List<ShellCheckComment>> cache = new ConcurrentHashMap<>();
    private final AtomicLong checked = new AtomicLong();
    private volatile String version;

    private ShellCheck(Path executable) {
        this(executable, TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    }

    private ShellCheck(Path executable, long timeoutMillis) {
        this.executable = executable;
        this.timeoutMillis = timeoutMillis;
    }

    /** This shellcheck with another time limit per run (tests). */
    ShellCheck withTimeout(long millis) {
        return new ShellCheck(executable, millis);
    }

    /** The shellcheck on {@code PATH}, looked up once per process. */
    public static Optional<ShellCheck> onPath() {
        return Optional.ofNullable(Holder.ON_PATH);
    }

    /** shellcheck at this path (for tests and for embedders that ship their own). */
    public static ShellCheck at(Path executable) {
        return new ShellCheck(executable);
    }

    private static final class Holder {
        static final ShellCheck ON_PATH = find();

        private static ShellCheck find() {
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "shellcheck");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new ShellCheck(candidate);
                }
            }
            return null;
        }
    }

    public Path executable() {
        return executable;
    }

    /** The version shellcheck reports, such as {@code 0.9.0}, or {@code unknown}. */
    public String version() {
        if (version == null) {
            String found = "unknown";
            try {
                Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                found = out.lines().filter(l -> l.startsWith("version:")).map(l -> l.substring(8).strip())
                        .findFirst().orElse(found);
            } catch (IOException e) {
                found = "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            version = found;
        }
        return version;
    }

    /** How many scripts this process has checked (including those answered from memory). */
    public long checkedScripts() {
        return checked.get();
    }

    /** What shellcheck says about each script, in the order given. */
    public List<List<ShellCheckComment>> check(List<ShellCheckScript> scripts) throws IOException {
        checked.addAndGet(scripts.size());
        List<List<ShellCheckComment>> results = new ArrayList<>();
        Map<Integer, String> pending = new HashMap<>();
        for (int i = 0; i < scripts.size(); i++) {
            String content = scripts.get(i).content();
            List<ShellCheckComment> known = cache.get(content);
            results.add(known);
            if (known == null) {
                pending.put(i, content);
            }
        }
        if (!pending.isEmpty()) {
            Map<Integer, List<ShellCheckComment>> fresh = run(pending);
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            for (var entry : fresh.entrySet()) {
                results.set(entry.getKey(), entry.getValue());
                cache.put(pending.get(entry.getKey()), entry.getValue());
            }
        }
        return results;
    }

    private Map<Integer, List<ShellCheckComment>> run(Map<Integer, String> scripts) throws IOException {
        Path dir = TempFiles.folder("drydock-shellcheck-");
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--format=json1", "--norc",
                    "--exclude=" + EXCLUDED));
            Map<String, Integer> byName = new HashMap<>();
            for (var entry : scripts.entrySet()) {
                String name = "run" + entry.getKey() + ".sh";
                Files.writeString(dir.resolve(name), entry.getValue(), StandardCharsets.UTF_8);
                command.add(name);
                byName.put(name, entry.getKey());
            }
            // the output goes to a file, not a pipe: reading a pipe would wait for shellcheck however long it runs
            Path output = dir.resolve("output.json");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int exit;
            RUNNING.add(process);
            try {
                exit = waitFor(process);
            } finally {
                RUNNING.remove(process);
            }
            List<ShellCheckJson.FileComment> comments;
            try (InputStream in = Files.newInputStream(output)) {
                comments = ShellCheckJson.read(in);
            }
            if (exit > 1 || comments == null) {
                throw new IOException("shellcheck exited with code " + exit);
            }
            Map<Integer, List<ShellCheckComment>> out = new HashMap<>();
            scripts.keySet().forEach(i -> out.put(i, new ArrayList<>()));
            for (ShellCheckJson.FileComment c : comments) {
                Integer index = byName.get(c.file());
                if (index != null) {
                    out.get(index).add(c.comment());
                }
            }
            out.replaceAll((k, v) -> List.copyOf(v));
            return out;
        } finally {
            deleteAll(dir);
        }
    }

    private int waitFor(Process process) throws IOException {
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS); // reaped before the failure is reported: no process left behind
                throw new IOException("shellcheck did not finish within " + Math.max(1, timeoutMillis / 1000)
                        + " s; stopped");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while shellcheck ran", e);
        }
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
