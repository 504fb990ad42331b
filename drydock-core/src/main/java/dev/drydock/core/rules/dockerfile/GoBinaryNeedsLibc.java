package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.app.SourceSet;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.GlibclessRuntimes;
import dev.drydock.core.rules.support.GoPrograms;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "go-binary-needs-libc",
        title = "A Go binary built with cgo runs on an image without its C library",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "The programs `go build` writes (its -o, else the name Go gives them: the first .go file named, or"
                + " the package's last element, in the working directory), for Go sources that import net, os/user, \"C\" or a module"
                + " outside the standard library, in a builder stage that a COPY --from puts into a final image"
                + " without glibc: scratch, gcr.io/distroless/static*, cgr.dev/chainguard/static, or Alpine (musl)."
                + " Fires when cgo is on for that build: CGO_ENABLED=1, or left unset on a Debian-based golang image,"
                + " which has gcc (cgo is on by default when a C compiler is found, off without one, so a golang"
                + " *-alpine builder counts only when it installs gcc or build-base). Quiet when CGO_ENABLED is set to"
                + " 0 or a variable, GOOS or GOARCH to a variable (a cross build turns cgo off), the link is static"
                + " (-extldflags -static) or the netgo tag replaces the C resolver, and for Alpine when gcompat or"
                + " libc6-compat is installed.",
        problem = "With cgo on, the standard library's net and os/user packages call the C library, so the binary is"
                + " linked dynamically against the builder's libc and its loader (/lib64/ld-linux-x86-64.so.2)."
                + " scratch and distroless/static have no libc at all, Alpine has musl instead of glibc: the kernel"
                + " cannot find the loader and the container exits at once.",
        impact = "No container of the image starts: \"exec /app: no such file or directory\", although the file is"
                + " there.",
        recommendation = "Build a static binary with CGO_ENABLED=0 (RUN CGO_ENABLED=0 go build ...); when the program"
                + " needs cgo (go-sqlite3), run it on an image with glibc such as gcr.io/distroless/base-debian12.",
        references = {
                "https://pkg.go.dev/cmd/cgo",
                "https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN go build -o /out/api .

                        FROM scratch
                        COPY --from=build /out/api /api
                        ENTRYPOINT ["/api"]
                        """,
                good = """
                        FROM golang:1.23.2-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN CGO_ENABLED=0 go build -o /out/api .

                        FROM scratch
                        COPY --from=build /out/api /api
                        ENTRYPOINT ["/api"]
                        """,
                alongside = @ExampleFile(name = "main.go", content = """
                        package main

                        import "net/http"

                        func main() {
                        \thttp.ListenAndServe(":8080", nil)
                        }
                        """)))
public final class GoBinaryNeedsLibc implements Rule {

    private static final Pattern STATIC_LINK = Pattern.compile("extldflags[^\\n]*-static|-tags[= ][^\\n]*netgo");
    private static final int MAX_GO_FILES = 300;
    private static final Pattern LIBC_IMPORT = Pattern.compile(
            "(?m)^\\s*(?:import\\s+)?(?:\\w+\\s+)?\"(?:net(?:/[\\w/]+)?|os/user|C|[\\w-]+\\.[\\w.-]+/[^\"]+)\"");
    private static final Set<String> C_COMPILERS = Set.of("gcc", "build-base", "clang", "g++");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            String runtime = GlibclessRuntimes.describe(image);
            if (runtime == null || !callsLibc(context, image)) {
                continue;
            }
            DockerfileModel model = image.model();
            for (Stage stage : image.imageStages()) {
                for (CopyCommand copy : stage.copies()) {
                    if (copy.fromStage() < 0 || copy.fromStage() >= model.stages().size()) {
                        continue;
                    }
                    Stage builder = model.stages().get(copy.fromStage());
                    for (RunStep run : RunStep.of(model, Stages.inImage(model, builder))) {
                        for (Call call : run.calls("go")) {
                            check(context, image, runtime, copy, builder, run, call);
                        }
                    }
                }
            }
        }
    }

    private void check(ReviewContext context, BuiltImage image, String runtime, CopyCommand copy, Stage builder,
            RunStep run, Call call) {
        if (call.args().isEmpty() || !call.args().get(0).value().equals("build")) {
            return;
        }
        String output = GoPrograms.program(call, run.workdir());
        if (output == null || copy.sources().stream().noneMatch(source -> GoPrograms.sameFile(source, output))) {
            return;
        }
        String cgo = cgoReason(image.model(), builder, run, runtime.startsWith("alpine"));
        if (cgo == null) {
            return;
        }
        String built = GoPrograms.output(call) != null ? "`go build -o " + output + "`"
                : "`" + BuildRuns.describe(call) + "` (writing " + output + ")";
        context.finding(this, image.dockerfile(), call.span(), built + " builds with cgo on ("
                        + cgo + "), so the binary is linked against the builder's C library, and line "
                        + copy.instruction().startLine() + " copies it into " + runtime + ": the container cannot"
                        + " start (\"exec: no such file or directory\")")
                .recommendation("Build a static binary: RUN CGO_ENABLED=0 " + BuildRuns.describe(call) + "; if the"
                        + " program needs cgo, run it on an image with glibc (gcr.io/distroless/base-debian12).")
                .add();
    }

    /**
     * Whether the Go sources of the build context use what cgo links against libc: the net or os/user packages,
     * import "C", or a module outside the standard library (web frameworks, database drivers and clients reach
     * the net package). False when no Go source is visible: a program of only the other standard packages is
     * linked statically even with cgo on.
     */
    private static boolean callsLibc(ReviewContext context, BuiltImage image) {
        SourceSet files = SourceSet.of(context.project(), image.container());
        return files.paths().stream().filter(p -> p.endsWith(".go")).limit(MAX_GO_FILES)
                .map(files::read).flatMap(java.util.Optional::stream)
                .anyMatch(file -> LIBC_IMPORT.matcher(file.text()).find());
    }

    /**
     * Why cgo is on for this build, or null when it is off or cannot be told: CGO_ENABLED=1 written, or unset on a
     * golang image with gcc (the Debian-based ones, or an Alpine one that installs a compiler). A build for Alpine
     * on an Alpine builder links against musl, which Alpine has.
     */
    private static String cgoReason(DockerfileModel model, Stage builder, RunStep run, boolean alpineRuntime) {
        String text = run.text();
        if (STATIC_LINK.matcher(text).find() || text.matches("(?s).*\\bGO(OS|ARCH)=\\$.*")) {
            return null;
        }
        Variables.Definition env = run.step().variables().definition("CGO_ENABLED");
        Variables.Definition arch = run.step().variables().definition("GOARCH");
        if (arch != null && (arch.value() == null || arch.value().contains("$"))) {
            return null;
        }
        if (text.contains("CGO_ENABLED=1")) {
            return alpineRuntime && alpineBuilder(model, builder) ? null : "CGO_ENABLED=1";
        }
        if (text.contains("CGO_ENABLED") || env != null) {
            return env != null && "1".equals(env.value()) && !text.contains("CGO_ENABLED")
                    ? alpineRuntime && alpineBuilder(model, builder) ? null : "ENV CGO_ENABLED=1" : null;
        }
        BaseImage base = Stages.rootBase(model, builder);
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !ImageTags.officialName(external.reference()).equals("golang")) {
            return null;
        }
        String tag = external.reference().effectiveTagLowerCase();
        if (!tag.contains("alpine")) {
            return "CGO_ENABLED is not set and " + external.reference().familiarString()
                    + " has gcc, so cgo is on by default";
        }
        boolean compiler = RunStep.of(model, Stages.inImage(model, builder)).stream()
                .flatMap(r -> r.calls().stream()).flatMap(c -> PackageCommands.install(c).stream())
                .anyMatch(install -> install.names().stream().anyMatch(C_COMPILERS::contains));
        return compiler && !alpineRuntime ? "CGO_ENABLED is not set and the stage installs a C compiler, so cgo is"
                + " on by default" : null;
    }

    private static boolean alpineBuilder(DockerfileModel model, Stage builder) {
        BaseImage base = Stages.rootBase(model, builder);
        return base instanceof BaseImage.External external && external.reference() != null
                && external.reference().effectiveTagLowerCase().contains("alpine");
    }
}
