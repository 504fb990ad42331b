package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.GlibclessRuntimes;
import dev.drydock.core.rules.support.ImageSystems;
import dev.drydock.core.rules.support.ImageSystems.OperatingSystem;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "rust-binary-needs-libc",
        title = "A Rust binary linked against glibc runs on an image without glibc or with an older one",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every COPY --from of a final image based on scratch, gcr.io/distroless/static*,"
                + " cgr.dev/chainguard/static or Alpine (without gcompat or libc6-compat) that takes a file from Cargo's"
                + " output (target/release/NAME, target/debug/NAME, target/PROFILE/NAME, or $CARGO_HOME/bin/NAME for"
                + " `cargo install`) of a builder stage that runs `cargo build` or `cargo install` on a Debian-based"
                + " image: the official rust image or lukemathwalker/cargo-chef, any tag without alpine. Also when the"
                + " final image is a Debian or Ubuntu release with an older glibc than the builder's (rust:1.90 on"
                + " trixie into debian:bookworm-slim): the builder's release comes from its tag, or for a tag without"
                + " one from the Rust version (buster up to 1.54, bullseye 1.56-1.69, bookworm 1.74-1.88, trixie from"
                + " 1.90 and for latest, 1 and slim). Quiet when the path or the build names a musl target (--target,"
                + " CARGO_BUILD_TARGET), the target is a variable, or RUSTFLAGS asks for crt-static.",
        problem = "On the Debian-based rust images Cargo builds for x86_64-unknown-linux-gnu (or its aarch64 twin):"
                + " the binary is linked dynamically against glibc and needs its loader"
                + " (/lib64/ld-linux-x86-64.so.2), libc.so.6 and libgcc_s. scratch and distroless/static have no C"
                + " library, Alpine has musl. A binary linked against a newer glibc asks for symbol versions"
                + " (GLIBC_2.39) that an older release's libc.so.6 does not have.",
        impact = "No container of the image starts: \"exec /app: no such file or directory\", although the file is"
                + " there, or \"version `GLIBC_2.39' not found (required by /app)\".",
        recommendation = "Build for musl (a rust:*-alpine builder, or `rustup target add x86_64-unknown-linux-musl`"
                + " and `cargo build --release --target x86_64-unknown-linux-musl`), or run the binary on an image"
                + " with glibc of the builder's Debian release or newer (rust:1.82.0-bookworm with"
                + " gcr.io/distroless/cc-debian12 or debian:bookworm-slim).",
        references = {
                "https://doc.rust-lang.org/reference/linkage.html#static-and-dynamic-c-runtimes",
                "https://github.com/rust-lang/docker-rust/issues/89",
                "https://github.com/GoogleContainerTools/distroless/blob/main/cc/README.md"},
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM rust:1.82.0-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN cargo build --release

                        FROM alpine:3.20.3
                        COPY --from=build /src/target/release/api /usr/local/bin/api
                        CMD ["api"]
                        """,
                good = """
                        FROM rust:1.82.0-alpine3.20 AS build
                        RUN apk add --no-cache musl-dev
                        WORKDIR /src
                        COPY . .
                        RUN cargo build --release

                        FROM alpine:3.20.3
                        COPY --from=build /src/target/release/api /usr/local/bin/api
                        CMD ["api"]
                        """,
                alongside = @ExampleFile(name = "Cargo.toml", content = """
                        [package]
                        name = "api"
                        version = "0.1.0"
                        edition = "2021"
                        """)))
public final class RustBinaryNeedsLibc implements Rule {

    /** target/release/NAME, target/debug/NAME, target/TRIPLE/PROFILE/NAME: a file Cargo wrote. */
    /** Where {@code cargo install} puts a program on the rust images: $CARGO_HOME/bin, /usr/local/cargo/bin. */
    private static final Pattern INSTALL_OUTPUT = Pattern.compile("(?:^|/)cargo/bin/[^/\\s]+$");
    private static final Pattern CARGO_OUTPUT = Pattern.compile("(?:^|/)target/(?:[A-Za-z0-9_.${}-]+/)?[A-Za-z0-9_.${}-]+/[^/\\s]+$");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            String glibcless = GlibclessRuntimes.describe(image);
            DockerfileModel model = image.model();
            for (Stage stage : image.imageStages()) {
                Optional<OperatingSystem> runtime = ImageSystems.of(Stages.rootBase(model, stage));
                for (CopyCommand copy : stage.copies()) {
                    if (copy.fromStage() < 0 || copy.fromStage() >= model.stages().size()
                            || copy.fromStage() == stage.index()) {
                        continue;
                    }
                    Stage builder = model.stages().get(copy.fromStage());
                    String builderImage = glibcRustImage(model, builder);
                    if (builderImage == null) {
                        continue;
                    }
                    String breaks = glibcless != null ? glibcless + ": the container cannot start (\"exec: no such"
                            + " file or directory\")" : olderGlibc(model, builder, stage, runtime);
                    if (breaks == null) {
                        continue;
                    }
                    List<Word> words = CopySources.sources(copy.instruction());
                    for (int i = 0; i < copy.sources().size() && i < words.size(); i++) {
                        String source = copy.sources().get(i);
                        boolean installed = INSTALL_OUTPUT.matcher(source).find();
                        if (!installed && !CARGO_OUTPUT.matcher(source).find() || source.contains("musl")
                                || source.contains("$")) {
                            continue;
                        }
                        Call build = glibcBuild(model, builder, installed ? "install" : "build");
                        if (build == null) {
                            continue;
                        }
                        context.finding(this, image.dockerfile(), words.get(i).span(), "COPY puts " + source
                                        + ", which `" + text(build) + "` (line " + build.span().startLine() + ") built on "
                                        + builderImage + " for the GNU target and so linked against glibc, into " + breaks)
                                .recommendation(glibcless != null ? null : alignReleases(model, builder, runtime))
                                .add();
                    }
                }
            }
        }
    }

    /**
     * What breaks when the runtime stage's glibc is older than the builder's (both Debian or Ubuntu releases drydock
     * knows), or null when it is not.
     */
    private static String olderGlibc(DockerfileModel model, Stage builder, Stage stage, Optional<OperatingSystem> runtime) {
        Optional<OperatingSystem> built = ImageSystems.of(Stages.rootBase(model, builder));
        if (runtime.isEmpty() || built.isEmpty() || !ImageSystems.olderGlibc(runtime.get(), built.get())) {
            return null;
        }
        String runtimeImage = Stages.rootBase(model, stage) instanceof BaseImage.External external
                && external.reference() != null ? external.reference().familiarString() : "the runtime image";
        return runtimeImage + " (" + runtime.get().describe() + ", glibc " + runtime.get().glibc() + "), older than the"
                + " glibc " + built.get().glibc() + " of " + built.get().describe() + " it was linked against: the"
                + " container stops at start (\"version `GLIBC_...' not found\")";
    }

    /** How to line the two releases up, for a runtime with an older glibc; null otherwise. */
    private static String alignReleases(DockerfileModel model, Stage builder, Optional<OperatingSystem> runtime) {
        Optional<OperatingSystem> built = ImageSystems.of(Stages.rootBase(model, builder));
        if (runtime.isEmpty() || built.isEmpty() || !ImageSystems.olderGlibc(runtime.get(), built.get())) {
            return null;
        }
        return "Build and run on one Debian release: name it in the builder's tag (rust:<version>-"
                + runtime.get().release() + ", whose glibc the runtime has), or move the final stage to "
                + built.get().release() + " (debian:" + built.get().release() + "-slim, or the distroless cc image of"
                + " that release).";
    }

    /** The builder's base in words when it is a Debian-based Rust image (glibc); null otherwise. */
    private static String glibcRustImage(DockerfileModel model, Stage builder) {
        BaseImage base = Stages.rootBase(model, builder);
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return null;
        }
        ImageReference ref = external.reference();
        String tag = ref.effectiveTagLowerCase();
        if (tag.contains("alpine") || tag.contains("$")) {
            return null;
        }
        boolean rust = ImageTags.officialName(ref).equals("rust")
                || ref.fullName().toLowerCase(Locale.ROOT).equals("docker.io/lukemathwalker/cargo-chef");
        return rust ? ref.familiarString() + " (" + ImageSystems.of(ref).map(OperatingSystem::describe).orElse("Debian")
                + ")" : null;
    }

    /** The builder's `cargo build` for the GNU target, or null when there is none or it builds for musl or statically. */
    private static Call glibcBuild(DockerfileModel model, Stage builder, String verb) {
        Call found = null;
        for (RunStep run : RunStep.of(model, Stages.inImage(model, builder))) {
            String text = run.text();
            if (text.contains("crt-static") || text.contains("musl") || text.contains("CARGO_BUILD_TARGET")
                    || mentionsMusl(run.step().variables(), "CARGO_BUILD_TARGET")
                    || mentionsStatic(run.step().variables())) {
                if (!run.calls("cargo").isEmpty()) {
                    return null;
                }
                continue;
            }
            for (Call call : run.calls("cargo")) {
                List<String> args = call.args().stream().map(Call.Arg::value).toList();
                if (args.isEmpty() || !args.get(0).equals(verb)) {
                    continue;
                }
                if (args.stream().anyMatch(a -> a.equals("--target") || a.startsWith("--target="))) {
                    return null; // an explicit target: a cross build drydock does not follow
                }
                found = found == null ? call : found;
            }
        }
        return found;
    }

    private static boolean mentionsMusl(Variables variables, String name) {
        Variables.Definition definition = variables.definition(name);
        return definition != null && (definition.value() == null || definition.value().contains("musl")
                || definition.value().contains("$"));
    }

    private static boolean mentionsStatic(Variables variables) {
        Variables.Definition flags = variables.definition("RUSTFLAGS");
        return flags != null && flags.value() != null && flags.value().contains("crt-static");
    }

    private static String text(Call call) {
        StringBuilder text = new StringBuilder(call.name());
        for (Call.Arg arg : call.args()) {
            text.append(' ').append(arg.value());
        }
        return text.toString();
    }
}
