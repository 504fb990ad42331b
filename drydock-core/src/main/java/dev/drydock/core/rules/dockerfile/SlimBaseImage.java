package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.DeprecatedImages;
import dev.drydock.core.rules.support.DotnetAssemblies;
import dev.drydock.core.rules.support.DotnetImages;
import dev.drydock.core.rules.support.GpuImages;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.JavaImages;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.ToolchainBuilds;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "slim-base-image",
        title = "Final image starts from a full base image",
        severity = Severity.MEDIUM,
        category = Category.PERFORMANCE,
        checks = "The image the final stage starts from (through the stages it is FROM). A strength for minimal"
                + " bases: a slim or alpine variant, distroless, Chainguard, UBI minimal/micro, alpine, busybox,"
                + " scratch (qualified in a review where build-tools-in-final-image reports compilers or headers"
                + " installed on it for an application). A finding for the full variants of language images that have a slim one (python, node,"
                + " ruby, perl: no variant, latest, or only a Debian/Ubuntu codename such as 3.12-bookworm), for"
                + " tool-chain images used as the runtime (golang, rust, in every variant: golang:1.23-alpine and"
                + " rust:1-slim carry the whole compiler too; not when the command compiles at start, `go run`, air,"
                + " `cargo run`, which dev-server reports), naming a later stage that already copies the build's"
                + " output when there is one, for the Java build tools' images used as the runtime (maven, gradle:"
                + " Maven or Gradle, their cache and the JDK ship with the jar), naming the Temurin JRE of the Java"
                + " version their tag names, unless the image's command is the build tool itself (mvn, gradle,"
                + " ./mvnw), for the .NET SDK image used as the runtime (mcr.microsoft.com/dotnet/sdk), naming the aspnet"
                + " or runtime image of the same .NET version, unless the container runs an SDK command (dotnet run,"
                + " watch, test, ef ...), and for JDK tags of images that have a JRE (eclipse-temurin, whose tags"
                + " without jre are the JDK, ibm-semeru-runtimes, openjdk, AdoptOpenJDK's), slim or alpine as well,"
                + " unless the image runs a JDK tool (jar, javac, jlink...), and for the development images of GPU"
                + " stacks that have a runtime one (nvidia/cuda's devel and cudnn-devel tags, pytorch/pytorch's -devel"
                + " tags), naming the runtime tag, unless the image compiles GPU code when it runs (its command runs"
                + " nvcc, vLLM or SGLang, or the application's Python code calls torch.compile or imports Triton:"
                + " Triton builds with the host C compiler); debian"
                + " without -slim is low. Quiet for other images, for target stages named for development or tests, and"
                + " (but for debian) for an image that is itself a runtime or tool chain to build with (its command a"
                + " bare interpreter or build tool such as mvn). A tool-chain image whose final stage builds the program"
                + " its command runs is left to build-tools-in-final-image.",
        problem = "The full variants of language images are built on buildpack-deps: compilers, headers, version"
                + " control tools and hundreds of libraries the application never loads.",
        impact = "An image several times larger than needed (python:3.12 is about 1 GB, python:3.12-slim about"
                + " 130 MB): slower pulls and deployments, and many more packages for scanners to report and to patch.",
        recommendation = "Start the final stage from the slim (or distroless) variant of the same version, and build"
                + " anything that needs compilers in a separate builder stage.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image",
                "https://hub.docker.com/_/python#image-variants",
                "https://hub.docker.com/_/node#image-variants",
                "https://hub.docker.com/r/nvidia/cuda",
                "https://github.com/pytorch/pytorch/issues/116696",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {},
        fix = FixSafety.SUGGESTION,
        effort = "30 min",
        strength = "Minimal base image",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """))
public final class SlimBaseImage implements Rule {

    private static final Set<String> LANGUAGE_IMAGES = Set.of("python", "node", "ruby", "perl");
    private static final Set<String> TOOLCHAIN_IMAGES = Set.of("golang", "rust");
    /** The Java build tools' official images: a JDK (eclipse-temurin's in most tags) plus Maven or Gradle. */
    private static final Set<String> BUILD_TOOL_IMAGES = Set.of("maven", "gradle");
    private static final Set<String> BUILD_TOOLS = Set.of("mvn", "mvnw", "gradle", "gradlew");
    /** The Temurin JDK a maven or gradle tag names: maven:3.9-eclipse-temurin-21-alpine, gradle:8.10-jdk21-alpine. */
    private static final Pattern TEMURIN_IN_TAG = Pattern.compile("(?:^|-)(?:eclipse-temurin-|jdk)(\\d+)(-alpine)?(?:-|$)");
    private static final Set<String> CODENAMES = Set.of("bookworm", "bullseye", "buster", "stretch", "trixie",
            "jammy", "focal", "noble", "bionic");
    private static final List<String> MINIMAL_VARIANTS = List.of("slim", "alpine", "distroless", "minimal", "chiseled",
            "micro", "busybox");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (ToolchainBuilds.of(context, image).isPresent()) {
                continue; // build-tools-in-final-image reports the build with the stages to write
            }
            Stage root = Stages.rootStage(image.model(), image.stage());
            Location location = new Location(image.dockerfile(), Stages.imageSpan(root));
            BaseImage base = root.base();
            if (base instanceof BaseImage.Scratch) {
                context.strength(this, location, "FROM scratch: the image holds only the files the Dockerfile copies in");
                continue;
            }
            if (!(base instanceof BaseImage.External external) || external.reference() == null
                    || !external.reference().isImage()) {
                continue;
            }
            ImageReference ref = external.reference();
            if (TOOLCHAIN_IMAGES.contains(ImageTags.officialName(ref))) {
                if (!image.isDevelopmentImage() && !toolImage(image) && !compilesAtStart(image)) {
                    toolchain(context, location, image, ref);
                }
                continue;
            }
            if (BUILD_TOOL_IMAGES.contains(ImageTags.officialName(ref))) {
                if (!image.isDevelopmentImage() && !toolImage(image) && !runsBuildTool(image)) {
                    javaBuildTool(context, location, image, ref);
                }
                continue;
            }
            if (DotnetImages.sdk(base)) {
                if (!image.isDevelopmentImage() && !toolImage(image) && runsPublishedApp(image)) {
                    dotnetSdk(context, location, image, ref);
                }
                continue;
            }
            Optional<String> gpuRuntime = GpuImages.runtimeFor(ref);
            if (gpuRuntime.isPresent()) {
                if (!image.isDevelopmentImage() && !toolImage(image)
                        && GpuImages.compilesAtRunTime(context.project(), image.containers()).isEmpty()) {
                    gpuDevelopment(context, location, ref, gpuRuntime.get());
                }
                continue;
            }
            Optional<String> jre = JavaImages.jreFor(ref);
            if (jre.isPresent()) {
                if (!image.isDevelopmentImage() && !toolImage(image) && !runsJdkTool(image)) {
                    jdk(context, location, ref, jre.get(), image.neededStages().size() > image.imageStages().size());
                }
                continue;
            }
            if (isMinimal(ref)) {
                context.strength(this, location, ref.familiarString() + ": a minimal base image without the compilers,"
                        + " headers and tools of the full variant");
                continue;
            }
            if (!image.isDevelopmentImage()) {
                full(context, location, ref, toolImage(image));
            }
        }
    }

    private void full(ReviewContext context, Location location, ImageReference ref, boolean toolImage) {
        String name = ImageTags.officialName(ref);
        TagVersion version = ref.version();
        List<String> variants = version == null ? List.of() : version.variants();
        boolean onlyCodenames = variants.stream().allMatch(v -> CODENAMES.contains(v.toLowerCase(Locale.ROOT)));
        String current = ref.familiarString();
        if (toolImage && !name.equals("debian")) {
            return; // the compilers and the JDK are what a tool-chain image is for
        }
        if (LANGUAGE_IMAGES.contains(name) && onlyCodenames) {
            String slim = slimTag(ref, name);
            context.finding(this, location, current + " is the full variant of the " + name + " image: it carries"
                            + " compilers, headers and build tools (hundreds of MB) the running application does not use")
                    .recommendation("Use " + slim + " for the final stage; if native packages must be compiled, do"
                            + " it in a builder stage FROM " + current + " and copy the results into " + slim + ".")
                    .add();
        } else if (name.equals("debian") && onlyCodenames && version != null) {
            String slim = slimTag(ref, name);
            context.finding(this, location, current + " is the full Debian image; " + slim
                            + " leaves out documentation, locales and other files containers do not need")
                    .severity(Severity.LOW)
                    .recommendation("Use " + slim + ".")
                    .add();
        }
    }

    private void jdk(ReviewContext context, Location location, ImageReference ref, String jre, boolean builder) {
        String current = ref.familiarString();
        boolean implicit = !ref.tag().toLowerCase(Locale.ROOT).contains("jdk");
        boolean deprecated = DeprecatedImages.of(ref).isPresent();
        context.finding(this, location, current + (implicit ? " is the JDK image (its tags without jre are): the"
                        + " compiler, jlink and the debugging tools ship" : " ships the whole JDK (compiler, jlink,"
                        + " debugging tools)") + " with an application that needs only a Java runtime")
                .recommendation((builder ? "Start the final stage FROM " + jre : "Build with " + current
                        + " in a builder stage and run on " + jre)
                        + (deprecated ? " (" + ref.familiarName() + " is deprecated: deprecated-base-image)" : "")
                        + " (or a runtime made with jlink).")
                .add();
    }

    /**
     * A maven or gradle image as the image that runs: the JRE of the Java version its tag names when that is
     * Temurin's (the default of both images), else a JRE of the same version.
     */
    private void javaBuildTool(ReviewContext context, Location location, BuiltImage image, ImageReference ref) {
        String current = ref.familiarString();
        String tool = ImageTags.officialName(ref).equals("maven") ? "Maven" : "Gradle";
        Matcher temurin = TEMURIN_IN_TAG.matcher(ref.tag() == null ? "" : ref.tag().toLowerCase(Locale.ROOT));
        String jre = temurin.find() && !ref.tag().toLowerCase(Locale.ROOT).contains("graal")
                ? "eclipse-temurin:" + temurin.group(1) + "-jre" + (temurin.group(2) == null ? "" : temurin.group(2))
                : "a JRE image of the same Java version";
        Stage consumer = laterConsumer(image);
        context.finding(this, location, "the final image is " + current + ": " + tool + ", its dependency cache, the"
                        + " whole JDK and whatever the build left behind ship with an application that needs only"
                        + " its jar and a Java runtime")
                .recommendation(consumer != null ? capitalized(Stages.describe(consumer)) + " (line "
                        + consumer.from().span().startLine() + ") already copies the build's output out of this one:"
                        + " make it the target (compose build.target, docker build --target)."
                        : "Build in a stage FROM " + current + " AS build and copy the jar into a final stage FROM "
                                + jre + " with COPY --from=build.")
                .add();
    }

    /** Whether the image's command is the build tool itself (mvn spring-boot:run, a CI image running gradle). */
    /**
     * Whether every container compiles the program from its sources when it starts (go run, a Go file watcher, cargo
     * run): the tool chain is what it runs, and dev-server reports the command.
     */
    private static boolean compilesAtStart(BuiltImage image) {
        return !image.containers().isEmpty() && image.containers().stream().allMatch(c -> c.entryPoint() != null
                && COMPILING_RUNTIMES.contains(c.entryPoint().runtime()));
    }

    private static final Set<Runtime> COMPILING_RUNTIMES = EnumSet.of(Runtime.GO_RUN, Runtime.GO_WATCH,
            Runtime.CARGO_RUN);

    private static boolean runsBuildTool(BuiltImage image) {
        return image.containers().stream().anyMatch(c -> ImageRole.program(c).filter(BUILD_TOOLS::contains).isPresent());
    }

    private void gpuDevelopment(ReviewContext context, Location location, ImageReference ref, String runtime) {
        String current = ref.familiarString();
        boolean pytorch = ref.familiarName().equalsIgnoreCase("pytorch/pytorch");
        context.finding(this, location, current + (pytorch ? " is PyTorch's development image, built on CUDA's devel"
                        + " image: nvcc, the CUDA headers and the static libraries (several GB)"
                        : " is the devel flavour of the CUDA image: nvcc, the debugging tools, the headers and the static"
                                + " libraries (several GB)")
                        + " ship with an application that only loads the CUDA libraries")
                .recommendation("Start the final stage FROM " + runtime + " (the same " + (pytorch ? "PyTorch and CUDA"
                        : "CUDA") + " libraries without the tool chain); if the build compiles CUDA code (nvcc, PyTorch"
                        + " extensions), do it in a builder stage FROM " + current + " AS build and COPY --from=build the"
                        + " result. Keep the devel image only if the application compiles kernels when it runs"
                        + " (torch.compile, Triton).")
                .add();
    }

    /** Whether a RUN of the image's own stages, or its command, needs a program only the JDK has. */
    private static boolean runsJdkTool(BuiltImage image) {
        String[] tools = JavaImages.JDK_TOOLS.toArray(String[]::new);
        return image.imageRuns().stream().anyMatch(run -> !run.calls(tools).isEmpty())
                || image.containers().stream().anyMatch(c -> ImageRole.program(c).filter(JavaImages.JDK_TOOLS::contains)
                        .isPresent());
    }

    /**
     * A Go or Rust image, whatever its variant (golang:1.23-alpine, rust:1-slim carry the whole compiler too), as
     * the image that runs: the recommendation names a later stage of the Dockerfile that already takes the build's
     * output, when there is one (a compose file that builds the builder stage as its target).
     */
    private void toolchain(ReviewContext context, Location location, BuiltImage image, ImageReference ref) {
        String tool = ImageTags.officialName(ref).equals("golang") ? "Go" : "Rust";
        String current = ref.familiarString();
        Stage consumer = laterConsumer(image);
        String recommendation = consumer != null ? capitalized(Stages.describe(consumer)) + " (line "
                + consumer.from().span().startLine() + ") already copies the build's output out of this one: build it"
                + " instead of " + Stages.describe(image.stage()) + (consumer.index() == image.model().stages().size() - 1
                        ? ": it is the last stage, so a build without a target makes it (drop compose build.target"
                                + " and docker build --target)."
                        : consumer.name() == null
                        ? ": name it (FROM ... AS runtime) and make it the target (compose build.target, docker build"
                                + " --target runtime)."
                        : ": make it the target (compose build.target, docker build --target " + consumer.name() + ").")
                : "Compile in a builder stage FROM " + current + " AS build and copy the binary into a minimal final"
                        + " stage with COPY --from=build: FROM gcr.io/distroless/static-debian12 for a static binary"
                        + " (CGO_ENABLED=0), " + (alpine(ref)
                                ? "FROM alpine of the same release for one linked with cgo (built here, it needs musl)."
                                : "FROM gcr.io/distroless/cc-debian12 for one linked against glibc.");
        context.finding(this, location, "the final image is " + current + ": the whole " + tool
                        + " tool chain ships with the application, which needs only the compiled binary")
                .recommendation(recommendation)
                .add();
    }

    /**
     * Whether every container of the image runs the application itself, not an SDK command (dotnet run, watch,
     * test, ef ...) that needs the SDK where it runs.
     */
    private static boolean runsPublishedApp(BuiltImage image) {
        return !image.containers().isEmpty() && image.containers().stream().allMatch(c -> {
            if (c.command() == null || c.command().isEmpty()) {
                return false;
            }
            String line = c.command().script() != null ? c.command().script() : String.join(" ", c.command().argv());
            return !DOTNET_SDK_COMMAND.matcher(line).find();
        });
    }

    private static final Pattern DOTNET_SDK_COMMAND = Pattern.compile(
            "(?:^|[\\s;&|/])dotnet\\s+(?:run|watch|test|build|publish|restore|ef|msbuild|pack|tool|format|new|vstest)(?:\\s|$)");

    /**
     * A .NET SDK image as the image that runs: the runtime image of the same .NET version, aspnet for a web project
     * (Microsoft.NET.Sdk.Web), runtime for another, either when the project is not known.
     */
    private void dotnetSdk(ReviewContext context, Location location, BuiltImage image, ImageReference ref) {
        String current = ref.familiarString();
        String tag = DotnetImages.runtimeTag(ref);
        String runtime = image.containers().stream().map(c -> DotnetAssemblies.of(context, c)).flatMap(Optional::stream)
                .map(a -> a.runtimeImage() + ":" + tag).findFirst()
                .orElse("mcr.microsoft.com/dotnet/aspnet:" + tag + " (an ASP.NET Core application) or"
                        + " mcr.microsoft.com/dotnet/runtime:" + tag);
        Stage consumer = laterConsumer(image);
        context.finding(this, location, "the final image is " + current + ": the whole .NET SDK (the compilers, MSBuild,"
                        + " NuGet and the packages it restored) ships with an application that needs only its published"
                        + " output and the .NET runtime")
                .recommendation(consumer != null ? capitalized(Stages.describe(consumer)) + " (line "
                        + consumer.from().span().startLine() + ") already copies the build's output out of this one:"
                        + " make it the target (compose build.target, docker build --target)."
                        : "Publish in a stage FROM " + current + " AS build (dotnet publish -c Release -o /app/publish)"
                                + " and copy the output into a final stage FROM " + runtime + " with COPY --from=build"
                                + " /app/publish .; a self-contained publish runs on"
                                + " mcr.microsoft.com/dotnet/runtime-deps:" + tag + ".")
                .add();
    }

    private static boolean alpine(ImageReference ref) {
        return ref.version() != null && ref.version().variants().stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("alpine"));
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A stage after the built one, not for development, that copies files out of it. */
    private static Stage laterConsumer(BuiltImage image) {
        List<Stage> stages = image.model().stages();
        for (Stage later : stages.subList(image.stage().index() + 1, stages.size())) {
            if (!BuiltImage.isDevelopmentStage(later)
                    && later.copies().stream().anyMatch(c -> c.fromStage() == image.stage().index())) {
                return later;
            }
        }
        return null;
    }

    /**
     * Whether the image is itself a runtime or tool chain for other images to build with (its command a bare
     * interpreter or build tool such as mvn): the compilers of the full variant are what it is for.
     */
    private static boolean toolImage(BuiltImage image) {
        return !image.containers().isEmpty()
                && image.containers().stream().allMatch(c -> ImageRole.of(c) == ImageRole.RUNTIME_BASE);
    }

    /** python:3.12 -> python:3.12-slim, python:3.12-bookworm -> python:3.12-slim-bookworm, node:22-bookworm -> node:22-bookworm-slim. */
    static String slimTag(ImageReference ref, String name) {
        String tag = ref.tag();
        if (tag == null || tag.equals("latest")) {
            return ref.familiarName() + ":slim";
        }
        if (name.equals("node") || name.equals("debian")) {
            return ref.familiarName() + ":" + tag + "-slim";
        }
        TagVersion v = ref.version();
        if (v.hasVersion() && !v.variants().isEmpty()) {
            int end = tag.indexOf(v.version()) + v.version().length() + v.qualifier().length();
            return ref.familiarName() + ":" + tag.substring(0, end) + "-slim" + tag.substring(end);
        }
        return ref.familiarName() + ":" + tag + "-slim";
    }

    static boolean isMinimal(ImageReference ref) {
        String full = ref.fullName().toLowerCase(Locale.ROOT);
        String name = ref.imageName().toLowerCase(Locale.ROOT);
        if (full.startsWith("gcr.io/distroless/") || full.startsWith("cgr.dev/chainguard/")
                || full.startsWith("docker.io/chainguard/") || name.equals("ubi-minimal") || name.equals("ubi-micro")
                || name.endsWith("-minimal") || name.endsWith("-micro")
                || ref.isOfficialImage() && (name.equals("alpine") || name.equals("busybox"))) {
            return true;
        }
        TagVersion v = ref.version();
        if (v == null) {
            return false;
        }
        for (String variant : v.variants()) {
            String lower = variant.toLowerCase(Locale.ROOT);
            for (String minimal : MINIMAL_VARIANTS) {
                if (lower.startsWith(minimal)) {
                    return true;
                }
            }
        }
        return false;
    }
}
