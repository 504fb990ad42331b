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
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;
    private final Map<String, List<ShellCheckComment>> cache = new ConcurrentHashMap<>();
    private final AtomicLong checked = new AtomicLong();
    private volatile String version;

    private ShellCheck(Path executable) {
        this.executable = executable;
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
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<ShellCheckJson.FileComment> comments;
            try (InputStream in = process.getInputStream()) {
                comments = ShellCheckJson.read(in);
            }
            int exit = waitFor(process);
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

    private static int waitFor(Process process) throws IOException {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("shellcheck did not finish within " + TIMEOUT_SECONDS + " s");
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
