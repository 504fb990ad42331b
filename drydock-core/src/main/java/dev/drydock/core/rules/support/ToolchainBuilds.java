package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image whose final stage starts from a compiler tool chain (golang, rust, maven, gradle, a JDK tag of
 * eclipse-temurin, openjdk or amazoncorretto, the .NET SDK, sbt, clojure), compiles the application in one of its
 * RUNs and runs what it compiled: a single-stage build that ships the tool chain, its caches and the sources with the
 * program. Not for images built for development or tests, for a target stage that a later stage copies from, nor for a command that is the tool chain itself ({@code go
 * run}, {@code mvn spring-boot:run}, {@code dotnet watch}: dev-server's), nor for a file watcher such as air that
 * rebuilds the program from its sources at run time.
 */
public final class ToolchainBuilds {

    /** The tool chain that builds. */
    public enum Stack { MAVEN, GRADLE, SBT, CLOJURE, GO, RUST, DOTNET }

    /**
     * One such build.
     *
     * @param base the tool-chain image the final stage starts from
     * @param stack the tool chain of the build command
     * @param run the RUN that builds
     * @param call the build command
     * @param artifact the built program as the command names it (target/app.jar, /usr/local/bin/api, Api.dll)
     * @param artifactPath that program's absolute path, or null when it is not known
     * @param copyPath what a runtime stage copies from the builder: the artifact, or the .NET publish folder; or null
     * @param runtimeImage the runtime image the program runs on, or null when none follows from the base image's tag
     */
    public record Build(ImageReference base, Stack stack, RunStep run, Call call, String artifact, String artifactPath,
            String copyPath, String runtimeImage) {

        public boolean java() {
            return stack == Stack.MAVEN || stack == Stack.GRADLE || stack == Stack.SBT || stack == Stack.CLOJURE;
        }
    }

    private static final Set<Integer> TEMURIN_JRE_RELEASES = Set.of(8, 11, 17, 21, 25);
    private static final Set<String> MAVEN_PHASES = Set.of("package", "install", "verify", "deploy");
    private static final Set<String> GRADLE_TASKS = Set.of("build", "assemble", "bootjar", "jar", "shadowjar",
            "installdist", "uberjar", "fatjar");
    private static final Set<String> CODENAMES = Set.of("bookworm", "bullseye", "trixie");
    private static final Pattern SHELL_META = Pattern.compile("[;&|<>`()]");
    /**
     * File watchers that rebuild and restart the program from its sources on every change (Go's air, reflex,
     * CompileDaemon, gow; watchexec): the tool chain is what they run, so an image that starts one needs it.
     */
    private static final Set<String> SOURCE_WATCHERS = Set.of("air", "reflex", "CompileDaemon", "gow", "watchexec");

    private ToolchainBuilds() {}

    /** The image's build of the program its first container runs, when it is one; empty otherwise. */
    public static Optional<Build> of(ReviewContext context, BuiltImage image) {
        Supplier<Optional<Build>> find = () -> find(context, image);
        return context.memo("toolchain-build", image, find);
    }

    private static Optional<Build> find(ReviewContext context, BuiltImage image) {
        if (image.isDevelopmentImage() || image.isDevelopmentTarget() || image.runOnlyForDevelopment(context)
                || !(image.rootBase() instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        List<dev.drydock.core.dockerfile.model.Stage> stages = image.model().stages();
        int target = image.stage().index();
        if (stages.subList(target + 1, stages.size()).stream().anyMatch(later -> !BuiltImage.isDevelopmentStage(later)
                && later.copies().stream().anyMatch(c -> c.fromStage() == target))) {
            return Optional.empty(); // a later stage already takes the output: slim-base-image says to build it
        }
        ImageReference ref = external.reference();
        Set<Stack> stacks = stacks(image.rootBase(), ref);
        if (stacks.isEmpty()) {
            return Optional.empty();
        }
        Container container = image.container();
        List<String> argv = argv(container.command());
        if (argv.isEmpty() || SOURCE_WATCHERS.contains(argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1))) {
            return Optional.empty();
        }
        String workdir = image.stage().config().workdir() == null ? "/" : image.stage().config().workdir().value();
        for (RunStep run : image.imageRuns()) {
            for (Call call : run.calls()) {
                Optional<Stack> stack = buildStack(call).filter(stacks::contains);
                if (stack.isEmpty()) {
                    continue;
                }
                String artifact = artifact(stack.get(), argv, call, run, image.imageRuns());
                if (artifact == null) {
                    continue;
                }
                String path = artifact.contains("*") || artifact.contains("$") ? null : absolute(workdir, artifact);
                String copy = stack.get() == Stack.DOTNET ? publishFolder(call, run, path) : path;
                return Optional.of(new Build(ref, stack.get(), run, call, artifact, path, copy,
                        runtimeImage(context, image, ref, stack.get(), run, call)));
            }
        }
        return Optional.empty();
    }

    /** The tool chains an image carries. */
    private static Set<Stack> stacks(BaseImage base, ImageReference ref) {
        if (DotnetImages.sdk(base)) {
            return Set.of(Stack.DOTNET);
        }
        String name = ImageTags.officialName(ref);
        String familiar = ref.familiarName() == null ? "" : ref.familiarName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTagLowerCase();
        boolean jdk = switch (name) {
            case "maven", "gradle", "clojure" -> true;
            case "eclipse-temurin", "openjdk" -> JavaImages.jreFor(ref).isPresent();
            case "amazoncorretto" -> !tag.contains("jre");
            default -> familiar.equals("sbtscala/scala-sbt");
        };
        if (jdk) {
            return Set.of(Stack.MAVEN, Stack.GRADLE, Stack.SBT, Stack.CLOJURE);
        }
        return switch (name) {
            case "golang" -> Set.of(Stack.GO);
            case "rust" -> Set.of(Stack.RUST);
            default -> Set.of();
        };
    }

    /** The tool chain a command builds the application with, when it does. */
    public static Optional<Stack> buildStack(Call call) {
        List<String> args = call.args().stream().map(a -> a.value().toLowerCase(Locale.ROOT)).toList();
        String first = args.isEmpty() ? "" : args.get(0);
        if (call.is("mvn", "mvnw") && args.stream().anyMatch(MAVEN_PHASES::contains)) {
            return Optional.of(Stack.MAVEN);
        }
        if (call.is("gradle", "gradlew") && args.stream().map(a -> a.substring(a.lastIndexOf(':') + 1))
                .anyMatch(GRADLE_TASKS::contains)) {
            return Optional.of(Stack.GRADLE);
        }
        if (call.is("sbt") && args.stream().flatMap(a -> Arrays.stream(a.split("\\s+")))
                .anyMatch(a -> a.equals("assembly") || a.equals("stage") || a.endsWith("package"))) {
            return Optional.of(Stack.SBT);
        }
        if (call.is("lein") && args.contains("uberjar")
                || call.is("clojure", "clj") && args.stream().anyMatch(a -> a.contains("uber"))) {
            return Optional.of(Stack.CLOJURE);
        }
        if (call.is("go") && (first.equals("build") || first.equals("install"))) {
            return Optional.of(Stack.GO);
        }
        if (call.is("cargo") && (first.equals("build") || first.equals("install"))) {
            return Optional.of(Stack.RUST);
        }
        if (call.is("dotnet") && (first.equals("publish") || first.equals("build"))) {
            return Optional.of(Stack.DOTNET);
        }
        return Optional.empty();
    }

    /** The command's words: the exec form's argv, or a plain shell-form line split at blanks (without exec). */
    private static List<String> argv(EffectiveCommand command) {
        if (command == null || command.isEmpty()) {
            return List.of();
        }
        List<String> words;
        if (command.script() != null) {
            if (SHELL_META.matcher(command.script()).find()) {
                return List.of();
            }
            words = new ArrayList<>(Arrays.asList(command.script().trim().split("\\s+")));
        } else {
            words = new ArrayList<>(command.argv());
            if (words.size() >= 3 && words.get(0).matches("(/usr)?/bin/(ba)?sh") && words.get(1).equals("-c")) {
                String script = words.get(2);
                if (SHELL_META.matcher(script).find()) {
                    return List.of();
                }
                words = new ArrayList<>(Arrays.asList(script.trim().split("\\s+")));
            }
        }
        if (!words.isEmpty() && words.get(0).equals("exec")) {
            words.remove(0);
        }
        return words;
    }

    /** The program the command runs when it is what the build made; null otherwise. */
    private static String artifact(Stack stack, List<String> argv, Call call, RunStep run, List<RunStep> runs) {
        String program = argv.get(0);
        String name = program.substring(program.lastIndexOf('/') + 1);
        switch (stack) {
            case MAVEN, GRADLE, SBT, CLOJURE -> {
                if (name.equals("java")) {
                    int jar = argv.indexOf("-jar");
                    return jar > 0 && jar + 1 < argv.size() && argv.get(jar + 1).endsWith(".jar") ? argv.get(jar + 1)
                            : null;
                }
                return program.contains("build/install/") || program.contains("target/universal/stage/") ? program
                        : null;
            }
            case DOTNET -> {
                if (name.equals("dotnet")) {
                    return argv.size() > 1 && argv.get(1).endsWith(".dll") ? argv.get(1) : null;
                }
                String output = call.options("-o", "--output").find("-o", "--output").map(o -> o.value()).orElse(null);
                return output != null && program.startsWith(output.endsWith("/") ? output : output + "/") ? program
                        : null;
            }
            case GO -> {
                if (name.equals("go")) {
                    return null;
                }
                if (call.args().get(0).value().equals("install")) {
                    return !program.contains("/") || program.startsWith("/go/bin/") ? program : null;
                }
                String output = call.options("-o").find("-o").map(o -> o.value()).orElse(null);
                if (output == null) {
                    return program.startsWith("./") ? program : null;
                }
                String outputName = output.substring(output.lastIndexOf('/') + 1);
                return output.endsWith("/") || outputName.equals(name) || copiedTo(runs, output, program) ? program
                        : null;
            }
            case RUST -> {
                if (name.equals("cargo")) {
                    return null;
                }
                if (call.args().get(0).value().equals("install")) {
                    return !program.contains("/") || program.startsWith("/usr/local/cargo/bin/") ? program : null;
                }
                if (program.matches(".*(^|/)target/([\\w.-]+/)?(release|debug)/[^/]+")) {
                    return program;
                }
                return runs.stream().flatMap(r -> r.calls("cp", "mv", "install").stream())
                        .anyMatch(c -> c.args().stream().anyMatch(a -> a.value().contains("target/")
                                && a.value().endsWith("/" + name))
                                || c.args().stream().anyMatch(a -> a.value().contains("target/"))
                                && !c.args().isEmpty() && endsAt(c.args().get(c.args().size() - 1).value(), program))
                        ? program : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Whether a cp/mv/install of the output puts it where the command runs it. */
    private static boolean copiedTo(List<RunStep> runs, String output, String program) {
        return runs.stream().flatMap(r -> r.calls("cp", "mv", "install").stream())
                .anyMatch(c -> c.args().stream().anyMatch(a -> a.value().equals(output)) && !c.args().isEmpty()
                        && endsAt(c.args().get(c.args().size() - 1).value(), program));
    }

    private static boolean endsAt(String destination, String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return destination.equals(program) || destination.endsWith("/" + name)
                || program.startsWith(destination.endsWith("/") ? destination : destination + "/");
    }

    private static String absolute(String workdir, String path) {
        if (path.startsWith("/") || !path.contains("/") && !path.contains(".")) {
            return path.startsWith("/") ? path : null;
        }
        String relative = path.startsWith("./") ? path.substring(2) : path;
        return (workdir.endsWith("/") ? workdir : workdir + "/") + relative;
    }

    /** The folder dotnet publish -o writes (absolute), or null. */
    private static String publishFolder(Call call, RunStep run, String artifactPath) {
        if (!call.args().get(0).value().equals("publish")) {
            return null;
        }
        String output = call.options("-o", "--output").find("-o", "--output").map(o -> o.value()).orElse(null);
        if (output == null || output.contains("$")) {
            return null;
        }
        String dir = run.directoryAt(call);
        String folder = output.startsWith("/") ? output : dir == null ? null : absolute(dir, output.endsWith("/")
                ? output : output + "/x").replaceFirst("/x$", "");
        if (folder != null && folder.endsWith("/") && folder.length() > 1) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder != null && artifactPath != null && artifactPath.startsWith(folder + "/") ? folder : null;
    }

    /** The image the program runs on: a JRE, a distroless or slim Debian image, the .NET runtime. */
    private static String runtimeImage(ReviewContext context, BuiltImage image, ImageReference ref, Stack stack,
            RunStep run, Call call) {
        String tag = ref.effectiveTagLowerCase();
        boolean alpine = tag.contains("alpine");
        switch (stack) {
            case MAVEN, GRADLE, SBT, CLOJURE -> {
                Optional<String> jre = JavaImages.jreFor(ref);
                if (jre.isPresent()) {
                    return jre.get();
                }
                var release = JavaImages.featureRelease(ref);
                return release.isPresent() && TEMURIN_JRE_RELEASES.contains(release.getAsInt()) && !tag.contains("graal")
                        ? "eclipse-temurin:" + release.getAsInt() + "-jre" + (alpine ? "-alpine" : "") : null;
            }
            case DOTNET -> {
                String runtime = DotnetImages.runtimeTag(ref);
                return DotnetAssemblies.of(context, image.container()).map(a -> a.runtimeImage() + ":" + runtime)
                        .orElse(null);
            }
            case GO -> {
                return staticGo(image, run, call) ? "gcr.io/distroless/static-debian12" : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Whether the Go build has cgo off (CGO_ENABLED=0 in the environment or on the command): a static binary. */
    public static boolean staticGo(BuiltImage image, RunStep run, Call call) {
        String env = run.variable("CGO_ENABLED");
        if ("0".equals(env)) {
            return true;
        }
        return call.command().assignments().stream().anyMatch(a -> a.name().equals("CGO_ENABLED")
                && a.value() != null && a.value().value().equals("0"))
                || run.text().matches("(?s).*\\bCGO_ENABLED=0\\b.*");
    }

    /** debian:CODENAME-slim when the tag names a Debian release; null otherwise. */
    public static String debianSlim(ImageReference ref) {
        Matcher m = Pattern.compile("(?:^|-)(" + String.join("|", CODENAMES) + ")(?:-|$)").matcher(ref.effectiveTagLowerCase());
        return m.find() ? "debian:" + m.group(1) + "-slim" : null;
    }
}
