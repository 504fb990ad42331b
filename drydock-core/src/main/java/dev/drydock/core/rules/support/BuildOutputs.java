package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.manifest.CargoToml;
import dev.drydock.core.manifest.GoMod;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.Assignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files the build commands of a RUN write, told only where drydock knows them all: {@code go build} (its -o,
 * else the name Go derives from the package: the last element of go.mod's module path, of ./cmd/x, or the first .go
 * file named), {@code cargo build} (target/[triple/]profile/ holding the package's binaries, named from Cargo.toml),
 * {@code cargo install --path P --root R} (R/bin/ holding them), and the downloads ({@code go mod download},
 * {@code cargo fetch}, {@code rustup target add}) that write caches alone. The caches and home folders count as written by each.
 */
public final class BuildOutputs {

    /** Folders where these tools keep module downloads and build caches in the official images. */
    private static final List<String> CACHES = List.of("/go/pkg", "/root", "/home", "/tmp", "/usr/local/cargo",
            "/usr/local/rustup", "/var/cache");
    /** Variables that move those caches: a folder they name counts as written too. */
    private static final List<String> CACHE_VARIABLES = List.of("HOME", "GOPATH", "GOMODCACHE", "GOCACHE",
            "XDG_CACHE_HOME", "CARGO_HOME", "RUSTUP_HOME");
    /** Variables that change where go build or cargo writes, or what it names the program: drydock then cannot tell. */
    private static final List<String> MOVING_VARIABLES = List.of("GOFLAGS", "GO111MODULE", "CARGO_TARGET_DIR",
            "CARGO_BUILD_TARGET", "CARGO_BUILD_TARGET_DIR", "CARGO_INSTALL_ROOT", "CARGO_BUILD_ARTIFACT_DIR");
    /** The folders Cargo keeps beside the programs in a profile folder. */
    private static final Set<String> CARGO_FOLDERS = Set.of("deps", "build", "examples", "incremental");
    private static final Pattern MAJOR_VERSION = Pattern.compile("v[0-9]+");
    private static final Set<String> CARGO_VALUE_OPTIONS = Set.of("--target", "--target-dir", "--profile", "-p",
            "--package", "--bin", "--example", "--test", "--bench", "--features", "-F", "-j", "--jobs",
            "--manifest-path", "--config", "-Z", "--color", "--message-format", "--exclude", "--path", "--root",
            "--lockfile-path", "--index", "--registry", "--version", "--vers", "--git", "--branch", "--tag", "--rev");

    /**
     * A folder whose plain entries (a name without a dot, not starting with "lib", not one of Cargo's own folders)
     * are the named programs alone: Cargo's profile folder, an install root's bin/.
     */
    public record ProgramFolder(String folder, Set<String> programs) {

        Optional<Boolean> mayWrite(String path) {
            if (!PathNames.parent(path).equals(folder)) {
                return Optional.empty();
            }
            String name = PathNames.fileName(path);
            return Optional.of(programs.contains(name) || name.contains(".") || name.startsWith("lib")
                    || CARGO_FOLDERS.contains(name));
        }
    }

    /**
     * What one build command writes.
     *
     * @param programs the programs it writes (absolute paths)
     * @param folders the folders where it writes no other program
     * @param files other single files it writes (absolute)
     * @param trees folders below which it may write anything, but the plain entries of {@code folders}
     * @param naming where the programs' names come from when no option gives them ({@code the module path
     *     example.com/api in go.mod}), or ""
     */
    public record Writes(RunStep run, Call call, List<String> programs, List<ProgramFolder> folders,
            List<String> files, List<String> trees, String naming) {

        /** Whether the command may write the path (absolute, normalized), something below it or a folder on it. */
        public boolean mayWrite(String path) {
            for (ProgramFolder folder : folders) {
                Optional<Boolean> known = folder.mayWrite(path);
                if (known.isPresent()) {
                    return known.get();
                }
            }
            for (String file : programs) {
                if (PathNames.isUnder(file, path)) {
                    return true;
                }
            }
            for (String file : files) {
                if (PathNames.isUnder(file, path)) {
                    return true;
                }
            }
            for (String tree : trees) {
                if (PathNames.isUnder(path, tree) || PathNames.isUnder(tree, path)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a program of this command is to be found in the folder: it writes programs there, and no other. */
        public boolean writesProgramsIn(String folder) {
            return programs.stream().anyMatch(p -> PathNames.parent(p).equals(folder))
                    || folders.stream().anyMatch(f -> f.folder().equals(folder));
        }

        /** The command as written, on one line. */
        public String text() {
            String source = run.instruction().file().text();
            return source.substring(call.span().start(), call.span().end()).replaceAll("\\\\\\n", " ")
                    .replaceAll("\\s+", " ").strip();
        }
    }

    private final ReviewContext context;
    private final Container container;
    private final DockerfileModel model;
    private final Map<Integer, ContextPaths> contextPaths = new HashMap<>();

    public BuildOutputs(ReviewContext context, Container container, DockerfileModel model) {
        this.context = context;
        this.container = container;
        this.model = model;
    }

    /** The writes of a build command, when it is one and drydock knows them all; empty otherwise. */
    public Optional<Writes> of(RunStep run, Call call) {
        Call c = run.expanded(call);
        if (c.args().isEmpty() || movedByVariables(run, c)) {
            return Optional.empty();
        }
        String verb = c.args().get(0).value();
        if (c.is("go") && verb.equals("mod") && c.args().size() >= 2
                && Set.of("download", "verify").contains(c.args().get(1).value())) {
            return caches(run, call).map(trees -> new Writes(run, call, List.of(), List.of(), List.of(), trees, ""));
        }
        if (c.is("cargo") && verb.equals("fetch") || c.is("rustup") && Set.of("target", "component", "toolchain",
                "default", "show").contains(verb)) {
            return caches(run, call).map(trees -> new Writes(run, call, List.of(), List.of(), List.of(), trees, ""));
        }
        if (c.is("go") && verb.equals("build")) {
            return goBuild(run, call, c);
        }
        if (c.is("cargo") && (verb.equals("build") || verb.equals("b"))) {
            return cargoBuild(run, call, c);
        }
        if (c.is("cargo") && verb.equals("install")) {
            return cargoInstall(run, call, c);
        }
        return Optional.empty();
    }

    /** The writes of every build command of the stage and the stages it is built on that drydock can tell. */
    public List<Writes> ofStage(Stage stage) {
        List<Writes> out = new ArrayList<>();
        for (Stage s : Stages.lineage(model, stage)) {
            for (RunStep run : RunStep.of(model, List.of(s))) {
                for (Call call : run.calls()) {
                    of(run, call).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private Optional<Writes> goBuild(RunStep run, Call call, Call c) {
        String dir = run.directoryAt(call);
        if (dir == null || crossBuildsForWindows(run, c)) {
            return Optional.empty();
        }
        for (int i = 1; i < c.args().size(); i++) {
            String a = c.args().get(i).value();
            if (a.equals("-C") || a.startsWith("-C=") || a.startsWith("--C")) {
                return Optional.empty(); // changes the folder first
            }
        }
        Optional<List<String>> caches = caches(run, call);
        if (caches.isEmpty()) {
            return Optional.empty();
        }
        String output = GoPrograms.output(c);
        if (output != null) {
            if (output.isEmpty() || output.contains("$") || output.equals("/dev/null")) {
                return Optional.empty();
            }
            String path = PathNames.normalizeAbsolute(PathNames.normalizeAbsolute("/", dir), output);
            List<String> trees = new ArrayList<>(caches.get());
            trees.add(path); // a folder there gets the program inside
            List<String> programs = output.endsWith("/") ? List.of() : List.of(path);
            return Optional.of(new Writes(run, call, programs, List.of(), List.of(), trees, ""));
        }
        List<String> operands = GoPrograms.arguments(c);
        if (operands.stream().anyMatch(o -> o.contains("$") || o.contains("..."))) {
            return Optional.empty();
        }
        String name = goProgramName(run, dir, operands);
        if (name == null) {
            return Optional.empty();
        }
        String path = PathNames.normalizeAbsolute(PathNames.normalizeAbsolute("/", dir), name);
        boolean module = operands.isEmpty() || operands.size() == 1 && operands.get(0).replaceAll("/+$", "").equals(".");
        String naming = module ? goModule(run, dir).map(m -> "the module path " + m + " of go.mod").orElse("")
                : operands.stream().anyMatch(o -> o.endsWith(".go")) ? "its first file" : "the package's folder";
        return Optional.of(new Writes(run, call, List.of(path), List.of(), List.of(), caches.get(), naming));
    }

    /**
     * The program name go build gives one main package without -o: the first .go file without the suffix, else the
     * last element of the package's import path (a major version suffix such as /v2 passed over); null when there is
     * more than one package or drydock cannot read the module's path.
     */
    private String goProgramName(RunStep run, String dir, List<String> operands) {
        String file = operands.stream().filter(a -> a.endsWith(".go")).findFirst().orElse(null);
        if (file != null) {
            String base = PathNames.fileName(file);
            return base.substring(0, base.length() - 3);
        }
        if (operands.size() > 1) {
            return null;
        }
        String pkg = operands.isEmpty() ? "." : operands.get(0).replaceAll("@.*$", "").replaceAll("/+$", "");
        String importPath;
        if (pkg.equals(".") || pkg.isEmpty()) {
            importPath = goModule(run, dir).orElse(null);
        } else if (pkg.startsWith("./") || pkg.startsWith("../")) {
            importPath = PathNames.normalizeAbsolute(PathNames.normalizeAbsolute("/", dir), pkg);
        } else {
            importPath = pkg;
        }
        if (importPath == null) {
            return null;
        }
        String[] elements = importPath.replaceAll("^/+", "").split("/");
        String last = elements[elements.length - 1];
        if (MAJOR_VERSION.matcher(last).matches()) {
            boolean folder = pkg.startsWith("./") || pkg.startsWith("../"); // its import path is not known here
            return elements.length > 1 && !folder ? elements[elements.length - 2] : null;
        }
        return last.isEmpty() ? null : last;
    }

    /** The module path of the go.mod the stage has in the folder, read from the build context it is copied from. */
    private Optional<String> goModule(RunStep run, String dir) {
        return manifest(run.stage(), PathNames.join(dir, "go.mod"), ManifestKind.GO_MOD)
                .flatMap(m -> ManifestSyntax.goMod(context, m)).flatMap(GoMod::module);
    }

    private Optional<Writes> cargoBuild(RunStep run, Call call, Call c) {
        String dir = run.directoryAt(call);
        if (dir == null) {
            return Optional.empty();
        }
        Call.Options options = new Call.Options(c.args().subList(1, c.args().size()), CARGO_VALUE_OPTIONS);
        if (options.has("--manifest-path", "--config", "-Z", "--out-dir", "--artifact-dir", "-p", "--package",
                "--workspace", "--all") || options.values("--target").size() > 1
                || options.all().stream().anyMatch(o -> o.value() != null && o.value().contains("$"))) {
            return Optional.empty();
        }
        String home = PathNames.normalizeAbsolute("/", dir);
        Optional<Set<String>> bins = cargoBins(run.stage(), home);
        Optional<List<String>> caches = caches(run, call);
        if (bins.isEmpty() || caches.isEmpty()) {
            return Optional.empty();
        }
        String profile = options.find("--profile").map(Call.Options.Option::value)
                .map(p -> p.equals("dev") || p.equals("test") ? "debug" : p.equals("bench") ? "release" : p)
                .orElse(options.has("--release", "-r") ? "release" : "debug");
        String targetDir = PathNames.normalizeAbsolute(home, options.find("--target-dir")
                .map(Call.Options.Option::value).orElse("target"));
        Optional<String> triple = options.find("--target").map(Call.Options.Option::value);
        String programs = triple.map(t -> PathNames.join(PathNames.join(targetDir, t), profile))
                .orElse(PathNames.join(targetDir, profile));
        List<ProgramFolder> folders = new ArrayList<>();
        folders.add(new ProgramFolder(programs, bins.get()));
        if (triple.isPresent()) {
            folders.add(new ProgramFolder(PathNames.join(targetDir, profile), Set.of())); // build scripts, macros
        }
        List<String> trees = new ArrayList<>(caches.get());
        trees.add(targetDir);
        return Optional.of(new Writes(run, call, bins.get().stream().map(b -> PathNames.join(programs, b)).toList(),
                folders, List.of(PathNames.join(home, "Cargo.lock")), trees, cargoNaming(bins.get())));
    }

    private Optional<Writes> cargoInstall(RunStep run, Call call, Call c) {
        String dir = run.directoryAt(call);
        if (dir == null) {
            return Optional.empty();
        }
        Call.Options options = new Call.Options(c.args().subList(1, c.args().size()), CARGO_VALUE_OPTIONS);
        Optional<String> path = options.find("--path").map(Call.Options.Option::value);
        Optional<String> root = options.find("--root").map(Call.Options.Option::value);
        if (path.isEmpty() || root.isEmpty() || !options.operands().isEmpty()
                || options.has("--manifest-path", "--config", "-Z", "--git", "--registry", "--index")
                || options.all().stream().anyMatch(o -> o.value() != null && o.value().contains("$"))) {
            return Optional.empty();
        }
        String work = PathNames.normalizeAbsolute("/", dir);
        String home = PathNames.normalizeAbsolute(work, path.get());
        Optional<Set<String>> bins = cargoBins(run.stage(), home);
        Optional<List<String>> caches = caches(run, call);
        if (bins.isEmpty() || caches.isEmpty()) {
            return Optional.empty();
        }
        String rootDir = PathNames.normalizeAbsolute(work, root.get());
        String binDir = PathNames.join(rootDir, "bin");
        List<String> trees = new ArrayList<>(caches.get());
        trees.add(PathNames.normalizeAbsolute(home, options.find("--target-dir").map(Call.Options.Option::value)
                .orElse("target"))); // the package's target folder (Cargo 1.52 and later)
        return Optional.of(new Writes(run, call, bins.get().stream().map(b -> PathNames.join(binDir, b)).toList(),
                List.of(new ProgramFolder(binDir, bins.get())),
                List.of(PathNames.join(rootDir, ".crates.toml"), PathNames.join(rootDir, ".crates2.json"),
                        PathNames.join(home, "Cargo.lock")),
                trees, cargoNaming(bins.get())));
    }

    /**
     * The binaries of the package whose Cargo.toml the stage has in the folder: the package's name and the names of
     * its [[bin]] tables; empty when drydock cannot tell them: no such Cargo.toml copied from the context, a workspace,
     * a src/bin/ folder (whose files Cargo builds as more programs) or a .cargo/ configuration that may move the output.
     */
    private Optional<Set<String>> cargoBins(Stage stage, String home) {
        Optional<Manifest> manifest = manifest(stage, PathNames.join(home, "Cargo.toml"), ManifestKind.CARGO_TOML);
        BuildLink build = container.build();
        if (manifest.isEmpty() || build == null) {
            return Optional.empty();
        }
        String folder = PathNames.parent(manifest.get().file());
        var files = context.project().files();
        if (files.exists(PathNames.join(folder, "src/bin")) || files.exists(PathNames.join(folder, ".cargo"))
                || files.exists(PathNames.join(build.context(), ".cargo"))) {
            return Optional.empty();
        }
        CargoToml cargo = ManifestSyntax.cargo(context, manifest.get()).orElse(null);
        if (cargo == null || cargo.isWorkspace() || cargo.packageName().isEmpty()) {
            return Optional.empty();
        }
        Set<String> bins = new LinkedHashSet<>();
        bins.add(cargo.packageName().get());
        bins.addAll(cargo.binNames());
        return Optional.of(bins);
    }

    private static String cargoNaming(Set<String> bins) {
        return bins.size() == 1 ? "the package name in Cargo.toml" : "the package and [[bin]] names in Cargo.toml";
    }

    /** The manifest of the kind the stage has at the image path, traced to the build context's copy. */
    private Optional<Manifest> manifest(Stage stage, String imagePath, ManifestKind kind) {
        BuildLink build = container.build();
        if (build == null) {
            return Optional.empty();
        }
        ContextPaths paths = contextPaths.computeIfAbsent(stage.index(), i -> ImagePaths.of(model, stage,
                p -> context.project().files().isDirectory(BuildContexts.inProject(build, p))));
        return paths.toContext(PathNames.normalizeAbsolute("/", imagePath))
                .map(p -> BuildContexts.inProject(build, p))
                .flatMap(file -> container.manifests().stream()
                        .filter(m -> m.kind() == kind && m.file().equals(file)).findFirst());
    }

    /** The cache folders the command may write, with those the build's variables name; empty when one is unknown. */
    private static Optional<List<String>> caches(RunStep run, Call call) {
        List<String> trees = new ArrayList<>(CACHES);
        for (String name : CACHE_VARIABLES) {
            String value = variable(run, call, name);
            if (value == null) {
                continue;
            }
            if (!value.startsWith("/") || value.contains("$")) {
                return Optional.empty();
            }
            trees.add(PathNames.normalizeAbsolute("/", value));
        }
        return Optional.of(trees);
    }

    private static boolean movedByVariables(RunStep run, Call call) {
        return MOVING_VARIABLES.stream().anyMatch(name -> variable(run, call, name) != null);
    }

    /** Whether GOOS (of the command or the build) may name Windows: Go then adds .exe to the program's name. */
    private static boolean crossBuildsForWindows(RunStep run, Call call) {
        String goos = variable(run, call, "GOOS");
        return goos != null && (goos.contains("$") || goos.equals("windows"));
    }

    /** A variable set on the command line ({@code GOOS=linux go build}) or by the build (ARG, ENV); null when neither. */
    private static String variable(RunStep run, Call call, String name) {
        if (call.command() != null) {
            for (Assignment a : call.command().assignments()) {
                if (a.name().equals(name)) {
                    return a.value() == null ? "" : a.value().isLiteral() ? a.value().value() : "$";
                }
            }
        }
        return run.variable(name);
    }
}
