package dev.drydock.core.manifest;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Deno configuration file (deno.json, or deno.jsonc: JSON with comments), read once for everything drydock asks of
 * it: its tasks, its import map entries and whether it vendors remote modules.
 *
 * @param file the file
 * @param tasks the {@code tasks} entries that hold a command (a string, or an object's {@code command}), by name
 * @param imports the {@code imports} entries whose value is a string, in file order
 * @param vendor whether {@code "vendor": true} keeps remote modules in the project's vendor folder
 */
public record DenoConfig(SourceFile file, Map<String, Task> tasks, List<Import> imports, boolean vendor) {

    /** The configuration files Deno looks for in a folder, in its order: it reads the first it finds. */
    public static final List<String> FILE_NAMES = List.of("deno.json", "deno.jsonc");

    /**
     * A task.
     *
     * @param command its command line
     * @param span from its name to the end of its value
     */
    public record Task(String command, Span span) {}

    /**
     * An import map entry.
     *
     * @param specifier what it maps to ({@code jsr:@std/http@1}, a URL, a path)
     * @param line the line of that value
     */
    public record Import(String specifier, int line) {

        /** Whether Deno fetches it: a {@code jsr:} or {@code npm:} package or an http(s) URL. */
        public boolean remote() {
            return specifier.startsWith("jsr:") || specifier.startsWith("npm:") || specifier.startsWith("http://")
                    || specifier.startsWith("https://");
        }
    }

    public DenoConfig {
        tasks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        imports = List.copyOf(imports);
    }

    /** Reads a deno.json(c), once however many ask; empty when it is not a JSON object (or cannot be parsed). */
    public static Optional<DenoConfig> read(SourceFile file) {
        return Optional.ofNullable(file.syntax(DenoConfig.class, DenoConfig::parse));
    }

    private static DenoConfig parse(SourceFile file) {
        try {
            if (!(JsonTree.parseWithComments(file) instanceof JsonTree.Obj root)) {
                return null;
            }
            Map<String, Task> tasks = new LinkedHashMap<>();
            JsonTree.Obj taskObject = root.object("tasks");
            if (taskObject != null) {
                for (JsonTree.Member task : taskObject.members().values()) {
                    String command = task.value() instanceof JsonTree.Obj object ? object.string("command")
                            : task.value() instanceof JsonTree.Scalar s && s.isString() ? s.text() : null;
                    if (command != null && !command.isBlank()) {
                        tasks.put(task.key(), new Task(command, file.span(task.keySpan().start(),
                                Math.max(task.keySpan().end(), task.value().span().end()))));
                    }
                }
            }
            List<Import> imports = new ArrayList<>();
            JsonTree.Obj importObject = root.object("imports");
            if (importObject != null) {
                for (JsonTree.Member m : importObject.members().values()) {
                    if (m.value() instanceof JsonTree.Scalar s && s.isString()) {
                        imports.add(new Import(s.text(), s.span().startLine()));
                    }
                }
            }
            return new DenoConfig(file, tasks, imports, "true".equals(root.string("vendor")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The configuration Deno reads in {@code dir} ("" for the root): the first of {@link #FILE_NAMES} there, read;
     * empty when there is none or it cannot be read.
     */
    public static Optional<DenoConfig> in(String dir, Function<String, Optional<SourceFile>> files) {
        for (String name : FILE_NAMES) {
            Optional<SourceFile> file = files.apply(PathNames.join(dir == null ? "" : dir, name));
            if (file.isPresent()) {
                return read(file.get());
            }
        }
        return Optional.empty();
    }

    public String path() {
        return file.path();
    }

    /** The first import map entry Deno fetches, or empty. */
    public Optional<Import> firstRemoteImport() {
        return imports.stream().filter(Import::remote).findFirst();
    }
}
