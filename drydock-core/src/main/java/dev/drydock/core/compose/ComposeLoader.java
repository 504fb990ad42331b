package dev.drydock.core.compose;

import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.dotenv.DotEnvFile;
import dev.drydock.core.dotenv.DotEnvParser;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a compose project as Docker Compose does. Per file: YAML (anchors, merge keys, positions) →
 * interpolation → structural validation → {@code include} → {@code extends}; then the files (and the
 * documents of a multi-document file) are merged in order with Compose's merge rules, and the typed model
 * is built. YAML syntax errors and unreadable {@code -f} files throw {@link SourceException}; everything
 * else (unknown keys, wrong types, interpolation errors, missing extended or included files, cycles) is a
 * positioned {@link Diagnostic} in the result.
 *
 * <pre>{@code
 * ComposeProject p = ComposeLoader.load(ComposeLoader.Options.of(dir, System.getenv()));
 * p.services().get("web").build().dockerfilePath();
 * }</pre>
 */
public final class ComposeLoader {

    /** The file names Compose looks for, in order, when no file is given. */
    public static final List<String> DEFAULT_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml");

    /** The largest file read (an included, extended or env file outside the scanned project has no other bound). */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** The variable that names the project, from the environment or {@code .env}: it wins over the top-level {@code name}. */
    public static final String PROJECT_NAME_VARIABLE = "COMPOSE_PROJECT_NAME";

    /**
     * What to load.
     *
     * @param projectDir the project directory: relative paths and the default {@code .env} are resolved
     *        against it, and display paths are relative to it
     * @param files the compose files ({@code -f}), in order; empty to look for the default file and its
     *        {@code .override} file in the project directory
     * @param environment the process environment snapshot (wins over {@code .env})
     * @param envFiles the {@code --env-file} files; {@code null} for the project directory's {@code .env}
     * @param projectName the {@code -p} name, {@code null} when not given
     */
    public record Options(Path projectDir, List<Path> files, Map<String, String> environment, List<Path> envFiles,
            String projectName) {

        public Options {
            projectDir = projectDir.toAbsolutePath().normalize();
            files = List.copyOf(files);
            environment = Map.copyOf(environment);
            envFiles = envFiles == null ? null : List.copyOf(envFiles);
        }

        public static Options of(Path projectDir, Map<String, String> environment) {
            return new Options(projectDir, List.of(), environment, null, null);
        }

        public Options withFiles(Path... paths) {
            return new Options(projectDir, List.of(paths), environment, envFiles, projectName);
        }

        public Options withEnvFiles(Path... paths) {
            return new Options(projectDir, files, environment, List.of(paths), projectName);
        }

        public Options withProjectName(String name) {
            return new Options(projectDir, files, environment, envFiles, name);
        }
    }

    private final Options options;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<VariableReference> references = new ArrayList<>();
    private final List<ComposeFile> files = new ArrayList<>();
    private final List<Include> includes = new ArrayList<>();
    private final Map<Path, List<Node>> extendedFiles = new HashMap<>();

    private final Path displayRoot;
    private final java.util.function.Function<Path, String> overlay;

    private ComposeLoader(Options options, Path displayRoot, java.util.function.Function<Path, String> overlay) {
        this.options = options;
        this.displayRoot = displayRoot.toAbsolutePath().normalize();
        this.overlay = overlay;
    }

    public static ComposeProject load(Options options) {
        return new ComposeLoader(options, options.projectDir(), p -> null).run();
    }

    /**
     * Loads with file paths shown relative to {@code displayRoot} (a folder above the project
     * directory, such as the repository root) instead of the project directory.
     */
    public static ComposeProject load(Options options, Path displayRoot) {
        return new ComposeLoader(options, displayRoot, p -> null).run();
    }

    /**
     * Loads as {@link #load(Options, Path)}, reading the text of a file from {@code overlay} (given the
     * absolute, normalized path; null to read the disk) instead: a project re-read with fixes applied in memory.
     */
    public static ComposeProject load(Options options, Path displayRoot, java.util.function.Function<Path, String> overlay) {
        return new ComposeLoader(options, displayRoot, overlay).run();
    }

    /** Loads the default compose file(s) of {@code projectDir}. */
    public static ComposeProject load(Path projectDir, Map<String, String> environment) {
        return load(Options.of(projectDir, environment));
    }

    /** The compose files Compose would pick in {@code dir}: the first default name found and its override. */
    public static List<Path> defaultFiles(Path dir) {
        for (String name : DEFAULT_FILES) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                List<Path> out = new ArrayList<>(List.of(p));
                int dot = name.lastIndexOf('.');
                Path override = dir.resolve(name.substring(0, dot) + ".override" + name.substring(dot));
                if (Files.isRegularFile(override)) {
                    out.add(override);
                }
                return out;
            }
        }
        return List.of();
    }

    private ComposeProject run() {
        Path projectDir = options.projectDir();
        List<Path> paths = options.files().isEmpty() ? defaultFiles(projectDir)
                : options.files().stream().map(p -> projectDir.resolve(p).normalize()).toList();
        if (paths.isEmpty()) {
            throw SourceException.ofFile(display(projectDir), "no compose file found (looked for "
                    + String.join(", ", DEFAULT_FILES) + ")");
        }
        List<Path> envPaths = options.envFiles() == null
                ? (Files.isRegularFile(projectDir.resolve(".env")) ? List.of(projectDir.resolve(".env")) : List.of())
                : options.envFiles().stream().map(p -> projectDir.resolve(p).normalize()).toList();
        List<DotEnvFile> dotEnv = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Path p : envPaths) {
            DotEnvFile f = readDotEnv(p, name -> seen.containsKey(name) ? seen.get(name) : options.environment().get(name), null);
            if (f != null) {
                dotEnv.add(f);
                seen.putAll(f.values());
            }
        }
        Variables variables = Variables.of(options.environment(), dotEnv);
        MapNode root = loadFiles(paths, projectDir, variables, List.of());
        DotEnvFile template = envPaths.isEmpty() && options.envFiles() == null ? envTemplate(projectDir) : null;
        ModelReader reader = new ModelReader(diagnostics::add,
                name -> template == null || variables.isSet(name) ? null : template.values().get(name));
        Map<String, Service> services = reader.services(root);
        checkEnvFiles(services);
        Located<String> name = ModelReader.str(root, "name");
        String fromVariable = variables.get(PROJECT_NAME_VARIABLE);
        String projectName = options.projectName() != null ? options.projectName()
                : fromVariable != null && !fromVariable.isEmpty() ? fromVariable
                : name != null ? name.value() : projectDir.getFileName() == null ? "" : projectDir.getFileName().toString();
        return new ComposeProject(projectDir, name, normalizeProjectName(projectName), ModelReader.str(root, "version"),
                services, reader.resources(root, "networks"), reader.resources(root, "volumes"),
                reader.resources(root, "secrets"), reader.resources(root, "configs"), List.copyOf(includes),
                root.extensions(), root, List.copyOf(files), variables, List.copyOf(references), List.copyOf(diagnostics));
    }

    /** Compose's project name normalisation: lower case, only {@code [a-z0-9_-]}, no leading {@code _} or {@code -}. */
    public static String normalizeProjectName(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                out.append(c);
            }
        }
        int i = 0;
        while (i < out.length() && (out.charAt(i) == '_' || out.charAt(i) == '-')) {
            i++;
        }
        return out.substring(i);
    }

    /** Loads and merges compose files sharing one working directory and environment. */
    private MapNode loadFiles(List<Path> paths, Path workingDir, Variables variables, List<Path> includeChain) {
        MapNode merged = null;
        for (Path path : paths) {
            ComposeFile file = composeFile(path, workingDir);
            for (Node doc : readDocuments(file, variables, true)) {
                MapNode m = processDocument(doc, file, variables, includeChain);
                if (m == null) {
                    continue;
                }
                merged = merged == null ? m : Merger.mergeFiles(merged, m);
            }
        }
        if (merged == null) {
            ComposeFile first = composeFile(paths.get(0), workingDir);
            SourceFile f = first.source();
            return new MapNode(first, f.span(0, 0), null, Map.of());
        }
        return (MapNode) Merger.clean(merged);
    }

    private ComposeFile composeFile(Path path, Path workingDir) {
        String text = readText(path);
        ComposeFile file = new ComposeFile(SourceFile.of(display(path), text), path, workingDir);
        return file;
    }

    private List<Node> readDocuments(ComposeFile file, Variables variables, boolean validate) {
        files.add(file);
        List<Node> docs = YamlReader.read(file, diagnostics::add);
        Interpolator interpolator = new Interpolator(variables, references::add, diagnostics::add);
        for (Node doc : docs) {
            interpolator.interpolate(doc);
            if (validate) {
                new Validator(diagnostics::add).validateRoot(doc);
            }
        }
        return docs;
    }

    private MapNode processDocument(Node doc, ComposeFile file, Variables variables, List<Path> includeChain) {
        if (!(doc instanceof MapNode root)) {
            return null; // an empty document, or a non-mapping the validator reported
        }
        List<Path> chain = new ArrayList<>(includeChain);
        chain.add(file.path());
        root = applyIncludes(root, file, variables, chain);
        return applyExtends(root, file, variables);
    }

    // ---- include ----

    private MapNode applyIncludes(MapNode root, ComposeFile file, Variables variables, List<Path> chain) {
        SeqNode list = root.seq("include");
        if (list == null) {
            return root;
        }
        MapNode result = root;
        for (Node item : list.items()) {
            List<Located<String>> paths = new ArrayList<>();
            Located<String> projectDirectory = null;
            List<Located<String>> envFiles = List.of();
            if (item instanceof ScalarNode s && !s.isNull()) {
                paths.add(Located.of(s.value(), (Node) s));
            } else if (item instanceof MapNode m) {
                paths.addAll(ModelReader.strList(m, "path"));
                projectDirectory = ModelReader.str(m, "project_directory");
                envFiles = ModelReader.strList(m, "env_file");
            }
            if (paths.isEmpty()) {
                continue;
            }
            Path base = file.workingDir();
            List<Path> resolved = paths.stream().map(p -> base.resolve(p.value()).normalize()).toList();
            Located<String> missing = null;
            for (int i = 0; i < resolved.size(); i++) {
                if (!Files.isRegularFile(resolved.get(i))) {
                    missing = paths.get(i);
                    break;
                }
            }
            if (missing != null) {
                error(missing.node(), "include: " + missing.value() + " not found");
                continue;
            }
            if (chain.contains(resolved.get(0))) {
                StringBuilder msg = new StringBuilder("include cycle detected: ");
                for (Path p : chain) {
                    msg.append(display(p)).append(" includes ");
                }
                error(paths.get(0).node(), msg.append(display(resolved.get(0))).toString());
                continue;
            }
            Path projectDir = projectDirectory == null ? resolved.get(0).getParent()
                    : base.resolve(projectDirectory.value()).normalize();
            List<Path> envPaths = new ArrayList<>();
            List<DotEnvFile> dotEnv = new ArrayList<>();
            if (envFiles.isEmpty()) {
                Path dflt = projectDir.resolve(".env");
                if (Files.isRegularFile(dflt)) {
                    envPaths.add(dflt);
                }
            } else {
                for (Located<String> e : envFiles) {
                    Path p = base.resolve(e.value()).normalize();
                    if (!Files.isRegularFile(p)) {
                        error(e.node(), "include: env_file " + e.value() + " not found");
                        continue;
                    }
                    envPaths.add(p);
                }
            }
            for (Path p : envPaths) {
                DotEnvFile f = readDotEnv(p, variables::get, item);
                if (f != null) {
                    dotEnv.add(f);
                }
            }
            includes.add(new Include(item, List.copyOf(paths), resolved, projectDir, List.copyOf(envPaths)));
            MapNode imported;
            try {
                imported = loadFiles(resolved, projectDir, variables.withDefaults(dotEnv), chain);
            } catch (SourceException e) {
                diagnostics.add(Diagnostic.error(e));
                continue;
            }
            result = importResources(result, imported);
        }
        return result;
    }

    private MapNode importResources(MapNode target, MapNode source) {
        Map<String, MapNode.Entry> top = new LinkedHashMap<>(target.entryMap());
        for (String section : List.of("services", "networks", "volumes", "secrets", "configs", "models")) {
            MapNode from = source.map(section);
            if (from == null) {
                continue;
            }
            MapNode.Entry existingEntry = top.get(section);
            MapNode to = existingEntry != null && existingEntry.value() instanceof MapNode m ? m : null;
            Map<String, MapNode.Entry> entries = to == null ? new LinkedHashMap<>() : new LinkedHashMap<>(to.entryMap());
            for (MapNode.Entry e : from.entries()) {
                MapNode.Entry conflict = entries.get(e.name());
                if (conflict != null) {
                    if (!sameValue(conflict.value(), e.value())) {
                        error(conflict.key(), section + "." + e.name() + " conflicts with imported resource ("
                                + e.key().where() + ")");
                    }
                    continue;
                }
                entries.put(e.name(), e);
            }
            MapNode merged = to != null ? to.withEntries(entries) : new MapNode(from.origin(), from.span(), null, entries);
            ScalarNode key = existingEntry != null ? existingEntry.key() : source.entry(section).key();
            top.put(section, new MapNode.Entry(key, merged));
        }
        return target.withEntries(top);
    }

    /** Whether two nodes hold the same value, wherever they were written. */
    static boolean sameValue(Node a, Node b) {
        if (a instanceof ScalarNode x && b instanceof ScalarNode y) {
            return x.kind() == y.kind() && Objects.equals(x.value(), y.value());
        }
        if (a instanceof SeqNode x && b instanceof SeqNode y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof MapNode x && b instanceof MapNode y) {
            if (!x.keys().equals(y.keys())) {
                return false;
            }
            for (MapNode.Entry e : x.entries()) {
                if (!sameValue(e.value(), y.get(e.name()))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    // ---- extends ----

    private MapNode applyExtends(MapNode root, ComposeFile file, Variables variables) {
        MapNode services = root.map("services");
        if (services == null) {
            return root;
        }
        boolean any = services.entries().stream().anyMatch(e -> e.value() instanceof MapNode m && m.has("extends"));
        if (!any) {
            return root;
        }
        Map<String, MapNode> memo = new HashMap<>();
        Map<String, MapNode.Entry> out = new LinkedHashMap<>();
        for (MapNode.Entry e : services.entries()) {
            Node resolved = e.value() instanceof MapNode ? resolveService(e.name(), services, file, variables, new ArrayList<>(), memo)
                    : e.value();
            out.put(e.name(), new MapNode.Entry(e.key(), resolved));
        }
        Map<String, MapNode.Entry> top = new LinkedHashMap<>(root.entryMap());
        top.put("services", new MapNode.Entry(root.entry("services").key(), services.withEntries(out)));
        return root.withEntries(top);
    }

    private record ServiceRef(Path file, String service) {}

    private MapNode resolveService(String name, MapNode services, ComposeFile file, Variables variables,
            List<ServiceRef> chain, Map<String, MapNode> memo) {
        String memoKey = file.path() + "\u0000" + name;
        MapNode done = memo.get(memoKey);
        if (done != null) {
            return done;
        }
        MapNode service = (MapNode) services.get(name);
        Node ext = service.get("extends");
        if (ext == null || ext.isNull()) {
            return service;
        }
        Located<String> ref;
        Located<String> refFile = null;
        if (ext instanceof ScalarNode s) {
            ref = Located.of(s.value(), (Node) s);
        } else if (ext instanceof MapNode m && ModelReader.str(m, "service") != null) {
            ref = ModelReader.str(m, "service");
            refFile = ModelReader.str(m, "file");
        } else {
            error(ext, "extends." + name + ".service is required");
            return service;
        }
        ServiceRef self = new ServiceRef(file.path(), name);
        if (chain.contains(self)) {
            StringBuilder msg = new StringBuilder("Circular reference: ");
            for (ServiceRef r : chain) {
                msg.append(r.service()).append(" in ").append(display(r.file())).append(" extends ");
            }
            error(ext, msg.append(name).append(" in ").append(display(file.path())).toString());
            return service;
        }
        MapNode baseServices = services;
        ComposeFile baseFile = file;
        if (refFile != null) {
            Path other = file.workingDir().resolve(refFile.value()).normalize();
            if (!Files.isRegularFile(other)) {
                error(refFile.node(), "cannot extend service \"" + name + "\": " + refFile.value() + " not found");
                return service;
            }
            List<Node> docs;
            try {
                docs = extendedFiles.get(other);
                if (docs == null) {
                    ComposeFile cf = composeFile(other, other.getParent());
                    docs = readDocuments(cf, variables, false);
                    extendedFiles.put(other, docs);
                }
            } catch (SourceException e) {
                diagnostics.add(Diagnostic.error(e));
                return service;
            }
            MapNode found = null;
            for (Node doc : docs) {
                if (doc instanceof MapNode m && m.map("services") != null && m.map("services").get(ref.value()) instanceof MapNode) {
                    found = m.map("services");
                }
            }
            if (found == null) {
                error(ref.node(), "cannot extend service \"" + name + "\" in " + file.displayPath() + ": service \""
                        + ref.value() + "\" not found in " + refFile.value());
                return service;
            }
            baseServices = found;
            baseFile = ((MapNode) found.get(ref.value())).origin();
        } else if (!(services.get(ref.value()) instanceof MapNode)) {
            error(ref.node(), "cannot extend service \"" + name + "\" in " + file.displayPath() + ": service \""
                    + ref.value() + "\" not found");
            return service;
        }
        chain.add(self);
        MapNode base = resolveService(ref.value(), baseServices, baseFile, variables, chain, memo);
        chain.remove(chain.size() - 1);
        MapNode merged = Merger.extendService(base, service);
        memo.put(memoKey, merged);
        return merged;
    }

    // ---- env files ----

    /** The names of the template a project ships for its git-ignored {@code .env}, in the order looked for. */
    static final List<String> ENV_TEMPLATES = List.of(".env.example", ".env.sample", ".env.template", ".env.dist",
            "example.env", "sample.env", ".env.default", ".env.defaults", "env.example", "env.sample", "env.template",
            "env.dist");

    /**
     * The template of the {@code .env} the project directory lacks ({@code .env.example} ...), read without
     * diagnostics (its own problems are not the compose file's); null when there is none.
     */
    private DotEnvFile envTemplate(Path projectDir) {
        List<String> names = new ArrayList<>(ENV_TEMPLATES);
        names.addAll(otherEnvTemplates(projectDir));
        for (String name : names) {
            Path p = projectDir.resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    return DotEnvParser.parse(SourceFile.of(display(p), readText(p)), n -> null);
                } catch (SourceException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The templates of .env in the project directory under names of their own ({@code env-example-relational},
     * {@code .env-sample}; see {@link dev.drydock.core.discovery.FileClassifier#envFileType}), shortest name first.
     */
    private static List<String> otherEnvTemplates(Path projectDir) {
        try (var files = Files.list(projectDir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !ENV_TEMPLATES.contains(n) && (n.startsWith("env") || n.startsWith(".env"))
                            && dev.drydock.core.discovery.FileClassifier.envFileType(n)
                                    == dev.drydock.core.discovery.FileType.ENV_TEMPLATE
                            && dev.drydock.core.discovery.FileClassifier.isTemplateOfDotEnv(n))
                    .sorted(java.util.Comparator.comparingInt(String::length).thenComparing(n -> n))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private void checkEnvFiles(Map<String, Service> services) {
        for (Service s : services.values()) {
            for (Service.EnvFile f : s.envFiles()) {
                if (f.required() && f.path() != null && !Files.isRegularFile(f.path()) && f.file() != null) {
                    // Often deliberately absent from a repository (git-ignored secrets): Compose refuses to
                    // start without it, but the rest of the project can still be read and reviewed.
                    Node at = f.file().node();
                    diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, at.file(), at.span(), "env file "
                            + display(f.path()) + " not found (Compose will not start the service without it)"));
                }
            }
        }
    }

    private DotEnvFile readDotEnv(Path path, java.util.function.Function<String, String> lookup, Node referrer) {
        String text;
        try {
            text = readText(path);
        } catch (SourceException e) {
            if (referrer != null) {
                error(referrer, e.detail());
            } else {
                diagnostics.add(Diagnostic.error(e));
            }
            return null;
        }
        try {
            return DotEnvParser.parse(SourceFile.of(display(path), text), lookup);
        } catch (SourceException e) {
            diagnostics.add(Diagnostic.error(e));
            return null;
        }
    }

    // ---- helpers ----

    private String readText(Path path) {
        String replaced = overlay.apply(path.toAbsolutePath().normalize());
        if (replaced != null) {
            return replaced;
        }
        try {
            if (!Files.isRegularFile(path)) {
                // a FIFO or a device would block the read or never end
                throw SourceException.ofFile(display(path), "not a regular file");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw SourceException.ofFile(display(path), "larger than " + MAX_FILE_BYTES / (1024 * 1024)
                        + " MiB; not read");
            }
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw SourceException.ofFile(display(path), "not valid UTF-8 text");
        } catch (IOException e) {
            throw SourceException.ofFile(display(path), "cannot read file: " + ProjectFiles.reason(e));
        }
    }

    private String display(Path path) {
        Path root = displayRoot;
        Path abs = path.toAbsolutePath().normalize();
        String shown = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        if (shown.isEmpty()) {
            shown = ".";
        }
        return shown.replace('\\', '/');
    }

    private void error(Node node, String message) {
        diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, node.file(), node.span(), message));
    }
}
