package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AptMarkPurge;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuildTools;
import dev.drydock.core.rules.support.ImageSystems;
import dev.drydock.core.rules.support.RuntimePackages;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.PackageCommands.Manager;
import dev.drydock.core.rules.support.PackageCommands.Operation;
import dev.drydock.core.rules.support.PackageCommands.Package;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.MissingPackageManagers;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.review.Location;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.ToolchainBuilds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "build-tools-in-final-image",
        title = "Compilers and development headers stay in the final image",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Packages installed by apt-get/apt/aptitude, apk, yum/dnf/microdnf/tdnf or zypper in the stages"
                + " the final image is made of (the target stage and the stages it is FROM): compilers (gcc, g++,"
                + " clang, gfortran, rustc...), build systems (make, cmake, ninja, autoconf...), build-essential /"
                + " build-base and development packages (*-dev, *-devel, *-headers). Quiet when they are removed later"
                + " in the same RUN (apt-get purge, apk del, also of an apk --virtual group), when they are only"
                + " installed in a builder stage, for a target stage named for development or tests (dev, test, ci),"
                + " and for a tool the container's command itself runs. A removal in a later RUN lowers the finding to"
                + " medium: the files still fill the earlier layer; so do development packages without a compiler"
                + " (headers compile nothing by themselves), with the runtime library to install instead (by the"
                + " release of the base image: Debian 12 or 13, Ubuntu 22.04 or 24.04, Alpine 3.18 and later, each"
                + " release's name when the tag does not tell which; another release gets the nearest one's names with"
                + " a warning, and the builder stage split writes only names checked for the base's release), naming the"
                + " builder stage that installs the same headers when there is one and nothing in the final image can"
                + " compile (no compiler installed on a slim or alpine base). Low for a"
                + " base image (its command is a bare"
                + " interpreter or build tool, or it keeps a distribution's shell: a tool chain such as the golang image),"
                + " whose images inherit the tools on purpose. One finding per install command, covering the"
                + " package words; a package already reported for an earlier install of the same RUN (another branch"
                + " of an if) is not reported again. Also, high, for a final stage on a compiler tool chain image"
                + " (golang, rust, maven, gradle, sbt, clojure, the JDK tags of eclipse-temurin, openjdk and"
                + " amazoncorretto, mcr.microsoft.com/dotnet/sdk; through the stages it is FROM) whose RUN builds the"
                + " application (mvn package, gradle build, go build, cargo build, dotnet publish...) when the command"
                + " runs what it built (java -jar of the jar, the Go or Rust binary, dotnet of the assembly): reported"
                + " at the build command, with a builder and runtime stage written for the project; slim-base-image"
                + " leaves such an image to this rule. Quiet for a command that is the tool itself (go run, mvn"
                + " spring-boot:run: dev-server), for development, test and dev container images.",
        problem = "Build dependencies are needed to compile native extensions, not to run them; in the final image"
                + " they are dead weight and tools for whoever gets a shell in the container.",
        impact = "A larger image (often 100-300 MB for a compiler tool chain), more packages for vulnerability"
                + " scanners to report and patch, and a compiler at hand for an attacker to build exploits inside the"
                + " container.",
        recommendation = "Use a multi-stage build: install the build dependencies and compile (wheels, node_modules,"
                + " binaries) in a builder stage, and copy only the results and the runtime libraries into a clean"
                + " final stage.",
        references = {
                "https://docs.docker.com/build/building/multi-stage/",
                "https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "1 h",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN apt-get update \\
                            && apt-get install -y --no-install-recommends gcc libpq-dev \\
                            && rm -rf /var/lib/apt/lists/*
                        RUN pip install --no-cache-dir psycopg2==2.9.10
                        CMD ["python", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN apt-get update \\
                            && apt-get install -y --no-install-recommends gcc libpq-dev libpq5 \\
                            && pip install --no-cache-dir psycopg2==2.9.10 \\
                            && apt-get purge -y --auto-remove gcc libpq-dev \\
                            && rm -rf /var/lib/apt/lists/*
                        CMD ["python", "app.py"]
                        """))
public final class BuildToolsInFinalImage implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            ToolchainBuilds.of(context, image).ifPresent(build -> toolchain(context, image, build));
            Set<String> commandPrograms = commandPrograms(image);
            List<RunStep> runs = image.imageRuns();
            for (int r = 0; r < runs.size(); r++) {
                RunStep run = runs.get(r);
                    if (MissingPackageManagers.reported(run)) {
                        continue; // package-manager-not-in-image reports this RUN
                    }
                List<Call> calls = run.calls();
                Set<String> reported = new HashSet<>();
                for (int i = 0; i < calls.size(); i++) {
                    Optional<Operation> install = PackageCommands.install(calls.get(i));
                    if (install.isEmpty()) {
                        continue;
                    }
                    List<Package> tools = new ArrayList<>();
                    for (Package p : install.get().packages()) {
                        if (BuildTools.isBuildTool(p.name()) && !commandPrograms.contains(p.name())
                                && !reported.contains(p.name())
                                && !removed(install.get(), p, calls.subList(i + 1, calls.size()))) {
                            tools.add(p);
                        }
                    }
                    if (tools.isEmpty()) {
                        continue;
                    }
                    RunStep removedLater = null;
                    List<Package> purged = new ArrayList<>();
                    for (RunStep later : runs.subList(r + 1, runs.size())) {
                        for (Package p : tools) {
                            if (!purged.contains(p) && removed(install.get(), p, later.calls())) {
                                purged.add(p);
                                removedLater = removedLater == null ? later : removedLater;
                            }
                        }
                    }
                    tools.forEach(p -> reported.add(p.name()));
                    report(context, image, install.get(), tools, purged, removedLater, runs);
                }
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, Operation install, List<Package> tools,
            List<Package> purged, RunStep removedLater, List<RunStep> runs) {
        List<String> names = tools.stream().map(Package::name).distinct().toList();
        List<String> kept = tools.stream().filter(p -> !purged.contains(p)).map(Package::name).distinct().toList();
        boolean singleStage = image.model().stages().size() == 1;
        StringBuilder message = new StringBuilder(join(names))
                .append(names.size() == 1 ? " is" : " are").append(" installed in the final image");
        if (singleStage) {
            message.append(" (a single-stage build)");
        }
        boolean base = !image.containers().isEmpty()
                && image.containers().stream().allMatch(c -> ImageRole.of(c) == ImageRole.RUNTIME_BASE);
        if (removedLater != null && kept.isEmpty()) {
            message.append(" and removed only by a later RUN (line ").append(removedLater.instruction().span().startLine())
                    .append("): the files still fill the layer of this RUN");
        } else if (base) {
            message.append(" and never removed; the image reads as a base image (a runtime or tool chain with no"
                    + " application of its own), so every image built on it inherits ").append(kind(names))
                    .append(": keep them only if building on it is what the image is for");
        } else if (kept.size() < names.size()) {
            List<String> gone = names.stream().filter(n -> !kept.contains(n)).toList();
            message.append(": ").append(join(kept)).append(kept.size() == 1 ? " is never removed and ships" : " are never removed and ship")
                    .append(" with the application, and ").append(join(gone))
                    .append(gone.size() == 1 ? " is" : " are").append(" removed only by a later RUN (line ")
                    .append(removedLater.instruction().span().startLine()).append("), so ").append(gone.size() == 1 ? "its" : "their")
                    .append(" files still fill the layer of this RUN");
        } else {
            message.append(" and never removed: ").append(kind(names)).append(" ship with the application");
        }
        boolean headersOnly = names.stream().allMatch(BuildTools::isDevelopmentPackage);
        Severity severity = base ? Severity.LOW
                : removedLater != null && kept.isEmpty() || headersOnly ? Severity.MEDIUM : Severity.HIGH;
        Optional<Stage> builder = headersOnly && !(compilesInImage(runs) && compilerInImage(image, runs))
                ? builderStage(image, names) : Optional.empty();
        var installed = Spans.cover(tools.stream().map(p -> p.word().span()).toList());
        context.finding(this, image.dockerfile(), installed, message.toString())
                .severity(severity)
                .recommendation((base ? "Nothing to change if the image is a tool chain that images built on it"
                        + " compile with. Otherwise: " : "") + builder.map(b -> runtimeLibraries(image, install, names, b))
                        .orElseGet(() -> recommendation(image, install, names, runs)))
                .fix(PythonBuilderSplit.fix(context.project(), image).orElse(null))
                .qualifies(base ? null : slimBase(image), "but the Dockerfile installs " + join(kept.isEmpty() ? names : kept)
                        + " into it (line " + installed.startLine() + ": build-tools-in-final-image)")
                .add();
    }

    /**
     * Where slim-base-image praises the image's minimal base: its first stage's FROM. An application image that
     * installs compilers or headers into it is minimal no more than in part; a tool chain built on it keeps its praise.
     */
    private static Location slimBase(BuiltImage image) {
        return new Location(image.dockerfile(), Stages.imageSpan(Stages.rootStage(image.model(), image.stage())));
    }

    /**
     * A final stage on a tool-chain image that compiles the program its command runs: the tool chain, its caches and
     * the sources ship with the program.
     */
    private void toolchain(ReviewContext context, BuiltImage image, ToolchainBuilds.Build build) {
        int line = build.call().span().startLine();
        String base = build.base().familiarString();
        String command = BuildRuns.describe(build.call());
        String message = base + " is the final image and `" + command + "` (line " + line + ") builds "
                + build.artifact() + " in it, which the command runs: " + ships(image, build) + " ship with "
                + (build.java() ? "the jar" : "the program") + (image.model().stages().size() == 1
                        ? " (a single-stage build)" : "");
        context.finding(this, image.dockerfile(), build.call().span(), message)
                .recommendation(toolchainRecommendation(image, build))
                .fix(ToolchainStageSplit.fix(image, build).orElse(null))
                .add();
    }

    private static String ships(BuiltImage image, ToolchainBuilds.Build build) {
        boolean sources = image.imageStages().stream().flatMap(s -> s.copies().stream())
                .anyMatch(c -> c.fromContext());
        String rest = sources ? " and the sources" : "";
        return switch (build.stack()) {
            case MAVEN -> "Maven, the whole JDK (javac, jlink, the debugging tools), the local Maven repository"
                    + " (~/.m2) with every plugin and dependency of the build, the target/ folder" + rest;
            case GRADLE -> "Gradle, the whole JDK (javac, jlink, the debugging tools), the Gradle cache (~/.gradle)"
                    + " with every plugin and dependency of the build, the build/ folder" + rest;
            case SBT, CLOJURE -> "the build tool, the whole JDK (javac, jlink, the debugging tools), the build's"
                    + " dependency cache" + rest;
            case GO -> "the Go tool chain (the compiler, the standard library's sources; about 800 MB for the"
                    + " Debian tags of golang), the module and build caches" + rest;
            case RUST -> "the Rust tool chain (rustc, Cargo, the C compiler and linker of the image), the Cargo"
                    + " registry (~/.cargo) and the target/ folder with every intermediate build" + rest;
            case DOTNET -> "the .NET SDK (the compilers, MSBuild, NuGet and the packages it restored), the obj/ and"
                    + " bin/ folders" + rest;
        };
    }

    private static String toolchainRecommendation(BuiltImage image, ToolchainBuilds.Build build) {
        String base = build.base().familiarString();
        String workdir = image.stage().config().workdir() == null ? null : image.stage().config().workdir().value();
        String copy = build.copyPath() != null ? build.copyPath() : build.artifactPath() != null ? build.artifactPath()
                : build.artifact();
        String runtime = build.runtimeImage() != null ? build.runtimeImage() : switch (build.stack()) {
            case GO -> "gcr.io/distroless/static-debian12 (build with CGO_ENABLED=0 for a static binary; a binary"
                    + " linked with cgo needs the C library of the build: " + orDefault(ToolchainBuilds.debianSlim(
                            build.base()), "the debian slim image of the release the golang tag is built on")
                    + (build.base().effectiveTagLowerCase().contains("alpine") ? ", alpine for an Alpine build" : "")
                    + ")";
            case RUST -> orDefault(ToolchainBuilds.debianSlim(build.base()),
                    build.base().effectiveTagLowerCase().contains("alpine") ? "alpine of the same release"
                            : "debian:bookworm-slim (the Debian release the rust tag is built on, for its glibc)")
                    + " or gcr.io/distroless/cc-debian12 (glibc and libgcc without a shell; add the libraries the"
                    + " binary links, such as libssl3)";
            case DOTNET -> "mcr.microsoft.com/dotnet/aspnet:" + dev.drydock.core.rules.support.DotnetImages.runtimeTag(
                    build.base()) + " (an ASP.NET Core application) or mcr.microsoft.com/dotnet/runtime:"
                    + dev.drydock.core.rules.support.DotnetImages.runtimeTag(build.base());
            default -> "a JRE of the Java version " + base + " builds with (eclipse-temurin:<version>-jre)";
        };
        return "Use a multi-stage build: keep the build as it is in a builder stage (FROM " + base + " AS build, the"
                + " same COPY instructions and `" + BuildRuns.describe(build.call()) + "`), then start the final stage"
                + " FROM " + runtime + (workdir != null && !workdir.equals("/") && !build.artifact().startsWith("/") ? ", WORKDIR " + workdir : "")
                + ", COPY --from=build " + copy + " " + copy + " and keep the same "
                + (image.stage().config().entrypoint() != null ? "ENTRYPOINT" : "CMD") + "; only the "
                + (build.stack() == ToolchainBuilds.Stack.DOTNET ? "published output" : build.java() ? "jar"
                        : "binary") + " and its runtime ship.";
    }

    private static String orDefault(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    /** Programs that compile against development headers: a RUN of the final image that calls one needs them there. */
    private static final Set<String> COMPILING = Set.of("docker-php-ext-install", "docker-php-ext-configure", "pecl",
            "phpize", "install-php-extensions", "pie", "pip", "pip3", "gem", "bundle", "npm", "yarn", "pnpm", "make", "cmake", "gcc", "cc", "g++",
            "cargo", "go", "configure", "node-gyp");

    /**
     * Whether a RUN of the final image compiles (extensions, native packages, sources) with what it installed; pip
     * with --no-index installs the wheels a builder stage made.
     */
    private static boolean compilesInImage(List<RunStep> runs) {
        return runs.stream().anyMatch(run -> run.calls().stream().anyMatch(call -> COMPILING.contains(call.name())
                && !(call.is("pip", "pip3") && call.args().stream().anyMatch(a -> a.value().equals("--no-index")))));
    }

    /**
     * Whether something in the image can compile against headers: a RUN installs a compiler, or the base is not a
     * slim or alpine variant (those ship none; the full language images are built on buildpack-deps, which has gcc).
     * Without one, an npm or pip install in the image builds nothing native with the headers.
     */
    private static boolean compilerInImage(BuiltImage image, List<RunStep> runs) {
        String tag = image.rootBase() instanceof BaseImage.External e && e.reference() != null
                ? e.reference().effectiveTagLowerCase() : null;
        boolean minimal = tag != null && (tag.contains("slim") || tag.contains("alpine"));
        return !minimal || runs.stream().flatMap(r -> r.calls().stream()).map(PackageCommands::install)
                .flatMap(Optional::stream).flatMap(op -> op.packages().stream())
                .anyMatch(p -> BuildTools.isCompiler(p.name()));
    }

    /**
     * A stage the build uses besides those of the final image that runs something: where compiling already happens
     * (not a stage that only names an image to copy a binary from, such as FROM composer AS vendor); the one that
     * installs these packages itself when there is one.
     */
    private static Optional<Stage> builderStage(BuiltImage image, List<String> names) {
        List<Stage> inImage = Stages.inImage(image.model(), image.stage());
        List<Stage> builders = image.neededStages().stream().filter(s -> !inImage.contains(s) && !s.runs().isEmpty())
                .toList();
        return builders.stream().filter(s -> installsAny(image, s, names)).findFirst()
                .or(() -> builders.stream().findFirst());
    }

    /** Whether a RUN of the stage installs one of the packages. */
    private static boolean installsAny(BuiltImage image, Stage stage, List<String> names) {
        return RunStep.of(image.model(), List.of(stage)).stream().flatMap(r -> r.calls().stream())
                .map(PackageCommands::install)
                .flatMap(Optional::stream).flatMap(op -> op.packages().stream()).anyMatch(p -> names.contains(p.name()));
    }

    /** For development headers in the final stage of a build that compiles in a builder stage already. */
    private static String runtimeLibraries(BuiltImage image, Operation install, List<String> names, Stage builder) {
        Optional<ImageSystems.OperatingSystem> system = ImageSystems.of(image.rootBase());
        List<String> runtime = new ArrayList<>();
        for (String name : names) {
            runtime.add(RuntimePackages.describe(install.manager(), name, system).map(lib -> lib + " instead of " + name)
                    .orElse("the runtime package of " + name));
        }
        return "Compiling already happens in " + Stages.describe(builder) + ": install only the runtime libraries in the"
                + " final stage, " + String.join(", ", runtime) + RuntimePackages.releaseNote(install.manager(), system)
                + ".";
    }

    private static String kind(List<String> names) {
        boolean headers = names.stream().anyMatch(BuildTools::isDevelopmentPackage);
        boolean compilers = names.stream().anyMatch(n -> !BuildTools.isDevelopmentPackage(n));
        return compilers && headers ? "compilers and development headers" : headers ? "development headers"
                : "build tools";
    }

    private static String recommendation(BuiltImage image, Operation install, List<String> names, List<RunStep> runs) {
        String from = image.rootBase() instanceof BaseImage.External e ? e.expanded() : null;
        String installCommand = install.call().name() + " " + install.subcommand().value();
        Optional<ImageSystems.OperatingSystem> system = ImageSystems.of(image.rootBase());
        List<String> runtime = new ArrayList<>();
        for (String name : names) {
            if (BuildTools.isDevelopmentPackage(name)) {
                runtime.add(RuntimePackages.describe(install.manager(), name, system)
                        .map(lib -> lib + " instead of " + name).orElse("the runtime package instead of " + name));
            }
        }
        String keep = runtime.isEmpty() ? "" : " The final stage installs only what runs: " + String.join(", ", runtime)
                + RuntimePackages.releaseNote(install.manager(), system) + ".";
        String builderFrom = "FROM " + (from == null ? "<the same base image>" : from) + " AS build";
        Optional<String> requirements = requirementsFile(runs);
        String body;
        if (requirements.isPresent()) {
            body = "Build the wheels in a builder stage: " + builderFrom + ", " + installCommand + " " + String.join(" ", names)
                    + ", COPY " + requirements.get() + " . and RUN pip wheel --no-cache-dir --wheel-dir /wheels -r "
                    + requirements.get() + ". In the final stage, COPY --from=build /wheels /wheels and RUN pip install"
                    + " --no-cache-dir --no-index --find-links=/wheels -r " + requirements.get() + "." + keep;
        } else if (runs.stream().flatMap(r -> r.calls().stream()).anyMatch(BuildToolsInFinalImage::installsGems)) {
            body = "Install the gems in a builder stage: " + builderFrom + ", " + installCommand + " "
                    + String.join(" ", names) + ", COPY Gemfile Gemfile.lock ./ and RUN bundle install there; the final"
                    + " stage copies the installed gems with COPY --from=build (their BUNDLE_PATH, /usr/local/bundle"
                    + " unless the image sets another) and installs no compiler." + keep;
        } else if (runs.stream().flatMap(r -> r.calls().stream()).anyMatch(BuildToolsInFinalImage::installsNodeModules)) {
            body = "Install dependencies in a builder stage: " + builderFrom + ", " + installCommand + " "
                    + String.join(" ", names) + " and npm ci --omit=dev there; the final stage copies node_modules with"
                    + " COPY --from=build and installs no compiler." + keep;
        } else {
            body = "Compile in a builder stage (" + builderFrom + " with " + installCommand + " "
                    + String.join(" ", names) + ") and COPY --from=build only the build output into the final stage."
                    + keep;
        }
        if (install.manager() == Manager.APT) {
            body += " If one stage must stay, remove them in the RUN that used them, after the build: apt-get purge -y"
                    + " --auto-remove " + String.join(" ", names)
                    + (runtime.isEmpty() ? "" : ", with the runtime libraries installed by name so that --auto-remove"
                            + " keeps them") + ".";
        } else if (install.manager() == Manager.APK) {
            body += " If one stage must stay, install them as a group and delete it in the same RUN: apk add --virtual"
                    + " .build-deps " + String.join(" ", names) + " ... && apk del .build-deps.";
        }
        return body;
    }

    /**
     * {@code bundle install} (or plain {@code bundle}) and {@code gem install} of a gem other than bundler: Ruby gems,
     * whose native extensions compile with the build tools.
     */
    private static boolean installsGems(Call call) {
        String sub = call.args().isEmpty() ? "install" : call.args().get(0).value();
        return call.is("bundle") && sub.equals("install") || call.is("gem") && sub.equals("install")
                && call.args().stream().skip(1).map(Call.Arg::value)
                        .anyMatch(a -> !a.startsWith("-") && !a.matches("bundler(:.*)?"));
    }

    /** npm, yarn or pnpm installing packages (not `pnpm --version` or `npm run build`). */
    private static boolean installsNodeModules(Call call) {
        if (!call.is("npm", "yarn", "pnpm")) {
            return false;
        }
        String sub = call.args().isEmpty() ? "" : call.args().get(0).value();
        return call.args().isEmpty() && call.is("yarn")
                || Set.of("install", "i", "ci", "add").contains(sub);
    }

    /** The requirements file the image installs with pip, if any. */
    private static Optional<String> requirementsFile(List<RunStep> runs) {
        for (RunStep run : runs) {
            for (Call call : run.calls()) {
                var pip = PipCommands.install(call);
                if (pip.isPresent() && !pip.get().requirementFiles().isEmpty()) {
                    return Optional.of(pip.get().requirementFiles().get(0));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether these calls remove the package: by name, by the apk --virtual group it was added in, or as an
     * automatic package after apt-mark auto (see {@link AptMarkPurge}).
     */
    private static boolean removed(Operation install, Package p, List<Call> calls) {
        if (install.manager() == PackageCommands.Manager.APT && AptMarkPurge.removes(calls, p.name())) {
            return true;
        }
        for (Call call : calls) {
            Optional<Operation> removal = PackageCommands.removal(call);
            if (removal.isEmpty() || removal.get().manager() != install.manager()) {
                continue;
            }
            List<String> names = removal.get().names();
            if (names.contains(p.name()) || install.virtual() != null && names.contains(install.virtual().toLowerCase(
                    java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The programs the image's containers run as their command ({@code make} for CMD ["make", "serve"]). */
    private static Set<String> commandPrograms(BuiltImage image) {
        Set<String> out = new HashSet<>();
        for (Container c : image.containers()) {
            if (c.command() != null && !c.command().argv().isEmpty()) {
                String first = c.command().argv().get(0);
                out.add(first.substring(first.lastIndexOf('/') + 1));
            }
            if (c.entryPoint() != null && !c.entryPoint().args().isEmpty()) {
                String first = c.entryPoint().args().get(0);
                out.add(first.substring(first.lastIndexOf('/') + 1));
            }
        }
        return out;
    }

    static String join(List<String> names) {
        Set<String> unique = new LinkedHashSet<>(names);
        List<String> list = new ArrayList<>(unique);
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
    }
}
