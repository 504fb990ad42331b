package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.manifest.LockFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Commands that install a project's dependencies from its manifest ({@code pip install -r requirements.txt},
 * {@code npm ci}, {@code bundle install}, {@code composer install}, {@code go mod download},
 * {@code dotnet restore}, {@code cargo fetch}, {@code cargo chef cook}, a {@code cargo build} of a placeholder
 * source, {@code mix deps.get} ...), with the manifest files they read.
 */
public final class DependencyInstalls {

    private DependencyInstalls() {}

    /**
     * One dependency install.
     *
     * @param call the command
     * @param text how to name it in a message ({@code pip install -r requirements.txt})
     * @param manifests the files it reads, the main manifest first (relative paths as written, or file names)
     * @param project whether it also builds and installs the project itself from its source ({@code pip install .}),
     *     so that it needs the source and not only the manifest
     */
    public record Install(Call call, String text, List<String> manifests, boolean project) {

        public Install(Call call, String text, List<String> manifests) {
            this(call, text, manifests, false);
        }

        public String manifest() {
            return manifests.get(0);
        }
    }

    /** Options of {@code dotnet restore} that take a value. */
    private static final String[] DOTNET_VALUE_OPTIONS = {"-r", "--runtime", "-s", "--source", "--packages",
        "--configfile", "-v", "--verbosity", "--lock-file-path", "-a", "--arch", "--os", "-p", "--property"};

    /**
     * A placeholder source written so that a build compiles the dependencies alone ({@code mkdir src && echo
     * ... > src/main.rs}), or the one {@code cargo new} made removed after that build ({@code rm src/*.rs}).
     */
    private static final Pattern PLACEHOLDER_SOURCE = Pattern.compile(
            "mkdir\\s[^;&|]*\\bsrc\\b|>\\s*(\\./)?src/(main|lib)\\.rs|\\brm\\s[^;&|]*src/\\*\\.rs");

    /** The dependency installs a RUN performs, in order. */
    public static List<Install> of(RunStep run) {
        List<Install> out = new ArrayList<>();
        for (Call call : run.calls()) {
            install(call).or(() -> placeholderBuild(run, call)).ifPresent(out::add);
        }
        return out;
    }

    /**
     * {@code cargo build} in a RUN that first writes a placeholder {@code src/main.rs} (or lib.rs): the
     * idiom that compiles the dependencies from Cargo.toml and Cargo.lock alone, before the source is copied.
     */
    private static Optional<Install> placeholderBuild(RunStep run, Call call) {
        if (!call.is("cargo") || !PLACEHOLDER_SOURCE.matcher(run.text()).find()) {
            return Optional.empty();
        }
        List<Call.Arg> operands = call.options("-p", "--package", "--target", "--features", "-F", "-j", "--jobs",
                "--profile", "--bin", "--manifest-path").operands();
        return !operands.isEmpty() && (operands.get(0).value().equals("build") || operands.get(0).value().equals("b"))
                ? locked(call, "cargo build", "Cargo.toml", LockFile.CARGO_LOCK) : Optional.empty();
    }

    /**
     * The options with a value of the installers other than npm, pnpm, yarn and bun (whose come from
     * {@link NodeManagerOptions}): bundle's, composer's, go's -C, mvn's -f, and poetry's and uv's.
     */
    private static final String[] OTHER_VALUE_OPTIONS = {"-C", "--gemfile", "--path", "--jobs", "-j", "--without",
        "--with", "--only", "-E", "--extras", "--working-dir", "-d", "-f", "--file", "--directory", "--project"};

    static Optional<Install> install(Call call) {
        if (call.is("php") && !call.args().isEmpty() && call.args().get(0).value().endsWith("composer.phar")) {
            return install(call.as("composer", call.args().get(0), 1));
        }
        Optional<PipCommands.Install> pip = PipCommands.install(call);
        if (pip.isPresent()) {
            List<String> files = pip.get().requirementFiles().stream().map(DependencyInstalls::clean).toList();
            if (!files.isEmpty()) {
                return Optional.of(new Install(call, "pip install -r " + String.join(" -r ", files), files));
            }
            if (pip.get().installsProject() && !pip.get().options().has("--no-deps")) {
                String what = pip.get().options().values("-e", "--editable").isEmpty() ? "." : "-e .";
                return Optional.of(new Install(call, "pip install " + what,
                        List.of("pyproject.toml", "setup.py", "setup.cfg"), true));
            }
            return Optional.empty();
        }
        Call.Options options = call.options(NodeManagerOptions.isManager(call.name())
                ? NodeManagerOptions.valueOptionArray(call.name()) : OTHER_VALUE_OPTIONS);
        List<Call.Arg> operands = options.operands();
        String sub = operands.isEmpty() ? "" : operands.get(0).value();
        int rest = Math.max(0, operands.size() - 1);
        return switch (call.name()) {
            case "uv" -> uv(call);
            case "poetry" -> poetry(call);
            case "pipenv" -> sub.equals("sync") || sub.equals("install") && rest == 0
                    ? locked(call, "pipenv " + sub, "Pipfile", LockFile.PIPFILE_LOCK) : Optional.empty();
            case "npm" -> sub.equals("ci") || (sub.equals("install") || sub.equals("i")) && rest == 0
                    ? locked(call, "npm " + sub, "package.json", LockFile.PACKAGE_LOCK_JSON) : Optional.empty();
            case "yarn" -> sub.isEmpty() || sub.equals("install")
                    ? locked(call, sub.isEmpty() ? "yarn" : "yarn install", "package.json", LockFile.YARN_LOCK)
                    : Optional.empty();
            case "pnpm" -> (sub.equals("install") || sub.equals("i")) && rest == 0
                    ? locked(call, "pnpm " + sub, "package.json", LockFile.PNPM_LOCK_YAML) : Optional.empty();
            case "bun" -> (sub.equals("install") || sub.equals("i")) && rest == 0
                    ? locked(call, "bun " + sub, "package.json", LockFile.BUN_LOCK, LockFile.BUN_LOCKB) : Optional.empty();
            case "bundle", "bundler" -> sub.equals("install") ? bundle(call) : Optional.empty();
            case "composer" -> sub.equals("install")
                    ? locked(call, "composer install", "composer.json", LockFile.COMPOSER_LOCK) : Optional.empty();
            case "dotnet" -> dotnet(call);
            case "cargo" -> cargo(call);
            case "mix" -> operands.stream().anyMatch(o -> o.value().startsWith("deps.get"))
                    ? locked(call, "mix deps.get", "mix.exs", LockFile.MIX_LOCK) : Optional.empty();
            case "go" -> sub.equals("mod") && operands.size() > 1 && operands.get(1).value().equals("download")
                    ? locked(call, "go mod download", "go.mod", LockFile.GO_SUM) : Optional.empty();
            case "mvn", "mvnw" -> operands.stream().anyMatch(o -> o.value().startsWith("dependency:go-offline")
                    || o.value().startsWith("dependency:resolve"))
                    ? install(call, "mvn dependency:go-offline", "pom.xml") : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** {@code poetry install} (or sync); {@code -P} names the project folder, a flag for the other tools. */
    private static Optional<Install> poetry(Call call) {
        List<Call.Arg> operands = call.options(POETRY_VALUE_OPTIONS).operands();
        String sub = operands.isEmpty() ? "" : operands.get(0).value();
        return sub.equals("install") || sub.equals("sync")
                ? locked(call, "poetry " + sub, "pyproject.toml", LockFile.POETRY_LOCK) : Optional.empty();
    }

    private static final String[] POETRY_VALUE_OPTIONS = {"-C", "--directory", "-P", "--project", "--with",
        "--without", "--only", "-E", "--extras"};

    /**
     * {@code bundle install}; with {@code --gemfile}, that file and the lockfile bundler keeps beside it: gems.locked
     * for a gems.rb, else the Gemfile's name with .lock.
     */
    private static Optional<Install> bundle(Call call) {
        String gemfile = call.options("--gemfile").values("--gemfile").stream().findFirst()
                .map(PathNames::fileName).filter(name -> !name.isEmpty()).orElse("Gemfile");
        return install(call, "bundle install", gemfile, gemfile.equals("gems.rb") ? "gems.locked" : gemfile + ".lock");
    }

    /**
     * The folder of the image an install works in: where its RUN has it start (the WORKDIR, or where a cd before it
     * goes, see {@link RunStep#directoryAt}), then the folder it is told to work in by an option of its own
     * ({@link #namedDirectory}); null when drydock cannot tell.
     */
    public static String directory(RunStep run, Install install) {
        String start = run.directoryAt(install.call());
        Optional<String> named = namedDirectory(install.call());
        if (named.isEmpty()) {
            return start;
        }
        String folder = named.get();
        if (folder.isEmpty() || folder.contains("$") || folder.startsWith("~")) {
            return null;
        }
        return folder.startsWith("/") ? ContainerPaths.clean(folder)
                : start == null ? null : PathNames.normalizeAbsolute(start, folder);
    }

    /**
     * The folder an install's tool is told to work in by an option of its own, as written: {@code npm --prefix},
     * {@code yarn --cwd}, {@code bun --cwd}, {@code pnpm -C/--dir}, {@code go -C}, {@code poetry -C/--directory/-P/--project},
     * {@code uv --directory/--project}, {@code composer -d/--working-dir}, and the folder of the file that
     * {@code bundle install --gemfile}, {@code mvn -f/--file} or {@code cargo --manifest-path} names; empty when none.
     */
    public static Optional<String> namedDirectory(Call call) {
        return switch (call.name()) {
            case "npm" -> last(call.options("--prefix").values("--prefix"));
            case "yarn", "bun" -> last(call.options("--cwd").values("--cwd"));
            case "pnpm" -> last(call.options("-C", "--dir").values("-C", "--dir"));
            case "go" -> last(call.options("-C").values("-C"));
            case "poetry" -> last(call.options(POETRY_VALUE_OPTIONS).values("-C", "--directory", "-P", "--project"));
            case "uv" -> uvDirectory(call);
            case "composer" -> last(call.options("-d", "--working-dir").values("-d", "--working-dir"));
            case "bundle", "bundler" -> last(call.options("--gemfile").values("--gemfile")).map(PathNames::parent);
            case "mvn", "mvnw" -> last(call.options("-f", "--file").values("-f", "--file"))
                    .map(file -> file.endsWith(".xml") ? PathNames.parent(file) : file);
            case "cargo" -> last(call.options("--manifest-path").values("--manifest-path")).map(PathNames::parent);
            default -> Optional.empty();
        };
    }

    /** uv: {@code --directory} changes folder first, {@code --project} (relative to it) names the project. */
    private static Optional<String> uvDirectory(Call call) {
        Call.Options options = call.options("--directory", "--project");
        Optional<String> directory = last(options.values("--directory"));
        Optional<String> project = last(options.values("--project"));
        if (project.isEmpty() || project.get().startsWith("/")) {
            return project.isPresent() ? project : directory;
        }
        return Optional.of(directory.map(d -> PathNames.join(d, project.get())).orElse(project.get()));
    }

    private static Optional<String> last(List<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /**
     * {@code dotnet restore}: it reads the project or solution named, else the one project file of the
     * working directory (written as {@code *.csproj}), with Directory.Packages.props and NuGet.Config.
     */
    private static Optional<Install> dotnet(Call call) {
        List<Call.Arg> operands = call.options(DOTNET_VALUE_OPTIONS).operands();
        if (operands.isEmpty() || !operands.get(0).value().equals("restore")) {
            return Optional.empty();
        }
        String project = operands.size() > 1 && operands.get(1).value().matches("(?i).*\\.(cs|fs|vb)proj|.*\\.slnx?")
                ? clean(operands.get(1).value()) : "*.csproj";
        return Optional.of(new Install(call, "dotnet restore", List.of(project, "Directory.Packages.props",
                "NuGet.Config")));
    }

    /** {@code cargo fetch} reads Cargo.toml and Cargo.lock; {@code cargo chef cook} the recipe {@code cargo chef prepare} wrote. */
    private static Optional<Install> cargo(Call call) {
        Call.Options options = call.options("--recipe-path", "--target", "--features", "-F", "-p", "--package",
                "--profile", "--manifest-path", "-j", "--jobs", "--target-dir", "--bin");
        List<Call.Arg> operands = options.operands();
        if (operands.isEmpty()) {
            return Optional.empty();
        }
        if (operands.get(0).value().equals("fetch")) {
            return locked(call, "cargo fetch", "Cargo.toml", LockFile.CARGO_LOCK);
        }
        if (operands.get(0).value().equals("chef") && operands.size() > 1 && operands.get(1).value().equals("cook")) {
            String recipe = options.values("--recipe-path").stream().findFirst().map(DependencyInstalls::clean)
                    .orElse("recipe.json");
            return install(call, "cargo chef cook", recipe);
        }
        return Optional.empty();
    }

    private static final String[] UV_VALUE_OPTIONS = {"-r", "--requirement", "-c", "--constraint", "--python", "-p",
        "--directory", "--project"};

    private static Optional<Install> uv(Call call) {
        List<Call.Arg> operands = call.options(UV_VALUE_OPTIONS)
                .operands();
        if (operands.isEmpty()) {
            return Optional.empty();
        }
        String sub = operands.get(0).value();
        if (sub.equals("sync")) {
            return locked(call, "uv sync", "pyproject.toml", LockFile.UV_LOCK);
        }
        if (sub.equals("pip") && operands.size() > 1) {
            Call.Options options = call.options(UV_VALUE_OPTIONS);
            List<String> files = options.values("-r", "--requirement").stream().map(DependencyInstalls::clean).toList();
            String verb = operands.get(1).value();
            if (verb.equals("sync") && operands.size() > 2) {
                files = List.of(clean(operands.get(2).value()));
            }
            if ((verb.equals("install") || verb.equals("sync")) && !files.isEmpty()) {
                return Optional.of(new Install(call, "uv pip " + verb + " " + String.join(" ", files), files));
            }
        }
        return Optional.empty();
    }

    private static Optional<Install> install(Call call, String text, String... manifests) {
        return Optional.of(new Install(call, text, List.of(manifests)));
    }

    /** An install that reads {@code manifest} and then these lock files, in this order. */
    private static Optional<Install> locked(Call call, String text, String manifest, LockFile... locks) {
        List<String> files = new ArrayList<>(List.of(manifest));
        for (LockFile lock : locks) {
            files.add(lock.fileName());
        }
        return Optional.of(new Install(call, text, List.copyOf(files)));
    }

    private static String clean(String path) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }
}
