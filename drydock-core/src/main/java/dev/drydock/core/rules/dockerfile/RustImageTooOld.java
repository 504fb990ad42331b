package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.manifest.CargoToml;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ManifestSyntax;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "rust-image-too-old",
        title = "The rust image is older than the Rust the crate needs",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every stage that runs cargo on the official rust image pinned to a release line"
                + " (rust:1.80, rust:1.80.1-slim-bookworm, rust:1.80-alpine), against what the Cargo.toml files"
                + " of the build context ask for: edition = \"2024\" needs Rust 1.85, a rust-version needs that"
                + " release, and a Cargo.lock of version = 4 needs Rust 1.78 ([package] and the [workspace.package]"
                + " its members inherit). Quiet for rust:latest, rust:1, rust:slim and other moving tags, a tag"
                + " that is a variable, a rust-toolchain or rust-toolchain.toml file in the build context, and a"
                + " stage that installs another toolchain (rustup update, rustup default, rustup toolchain install,"
                + " RUSTUP_TOOLCHAIN).",
        problem = "Each tag of the rust image holds one Rust release. A Cargo older than what the manifest or the lock"
                + " file asks for stops before compiling: \"feature `edition2024` is required ... not stabilized in"
                + " this version of Cargo\", \"package cannot be built because it requires rustc 1.86 or newer\","
                + " or \"lock file version 4 requires `-Znext-lockfile-bump`\".",
        impact = "The image cannot be built: `cargo build` fails at once, in every build, until the image or the"
                + " manifest changes.",
        recommendation = "Move the builder to a rust tag at least as new as the crate needs (rust:1.85-slim-bookworm"
                + " for edition 2024), or lower the edition or rust-version to what the image has.",
        references = {
                "https://doc.rust-lang.org/edition-guide/rust-2024/index.html",
                "https://doc.rust-lang.org/cargo/reference/rust-version.html",
                "https://blog.rust-lang.org/2025/02/20/Rust-1.85.0/",
                "https://hub.docker.com/_/rust"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM rust:1.82-slim-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN cargo build --release

                        FROM debian:bookworm-slim
                        COPY --from=build /src/target/release/api /usr/local/bin/api
                        CMD ["api"]
                        """,
                good = """
                        FROM rust:1.85-slim-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN cargo build --release

                        FROM debian:bookworm-slim
                        COPY --from=build /src/target/release/api /usr/local/bin/api
                        CMD ["api"]
                        """,
                alongside = @ExampleFile(name = "Cargo.toml", content = """
                        [package]
                        name = "api"
                        version = "0.1.0"
                        edition = "2024"
                        """)))
public final class RustImageTooOld implements Rule {

    private static final List<Long> EDITION_2024 = List.of(1L, 85L);
    private static final List<Long> LOCK_FILE_4 = List.of(1L, 78L);
    private static final Pattern LOCK_VERSION = Pattern.compile("(?m)^version\\s*=\\s*(\\d+)\\s*$");
    private static final Pattern RUST_VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Set<String> TOOLCHAIN_CHANGES = Set.of("update", "default", "toolchain", "override", "install");

    /**
     * What the crate needs: the oldest Rust release that builds it, why, and what the project could change instead of
     * the image, in words.
     */
    private record Need(List<Long> version, String because, String otherwise) {}

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            if (toolchainFile(context, image)) {
                continue;
            }
            Need need = need(context, image);
            if (need == null) {
                continue;
            }
            DockerfileModel model = image.model();
            for (Stage stage : image.neededStages()) {
                Stage root = Stages.rootStage(model, stage);
                if (!runsCargo(model, stage) || changesToolchain(model, stage)
                        || !reported.add(image.dockerfile() + "#" + root.index())) {
                    continue;
                }
                BaseImage base = root.base();
                if (!(base instanceof BaseImage.External external) || external.reference() == null) {
                    continue;
                }
                ImageReference ref = external.reference();
                List<Long> has = pinnedRust(ref);
                if (has == null || compare(has, need.version()) >= 0) {
                    continue;
                }
                String needed = join(need.version());
                context.finding(this, new Location(image.dockerfile(), Stages.imageSpan(root)), ref.familiarString()
                                + " has Rust " + join(has) + ", but " + need.because() + ", which needs Rust " + needed
                                + ": cargo stops before compiling, so the image cannot be built")
                        .recommendation("Build on a rust tag of " + needed + " or later (such as " + ref.familiarString()
                                .replaceFirst(":" + Pattern.quote(ref.tag()), ":" + newerTag(ref.tag(), needed))
                                + "), or " + need.otherwise() + ".")
                        .add();
            }
        }
    }

    /** The most recent Rust release the build context's manifests and lock files ask for, or null when none does. */
    private static Need need(ReviewContext context, BuiltImage image) {
        Need most = null;
        for (Manifest m : image.container().manifests()) {
            if (m.kind() != ManifestKind.CARGO_TOML) {
                continue;
            }
            CargoToml cargo = ManifestSyntax.cargo(context, m).orElse(null);
            if (cargo == null) {
                continue;
            }
            List<Need> needs = new ArrayList<>();
            if (cargo.edition().filter("2024"::equals).isPresent()) {
                needs.add(new Need(EDITION_2024, m.file() + " sets edition = \"2024\"",
                        "go back to edition = \"2021\" in " + m.file()));
            }
            cargo.rustVersion().map(RUST_VERSION::matcher).filter(Matcher::matches).ifPresent(v -> needs.add(new Need(
                    version(v), m.file() + " sets rust-version = \"" + v.group() + "\"",
                    "lower rust-version in " + m.file() + " if the crate builds with the image's Rust")));
            String lock = PathNames.join(PathNames.parent(m.file()), "Cargo.lock");
            context.project().source(lock).map(f -> LOCK_VERSION.matcher(f.text())).filter(Matcher::find)
                    .filter(v -> Integer.parseInt(v.group(1)) >= 4)
                    .ifPresent(v -> needs.add(new Need(LOCK_FILE_4, lock + " is of version = " + v.group(1),
                            "write " + lock + " in version 3, which older Cargo reads")));
            for (Need n : needs) {
                if (most == null || compare(n.version(), most.version()) > 0) {
                    most = n;
                }
            }
        }
        return most;
    }

    private static List<Long> version(Matcher v) {
        List<Long> out = new ArrayList<>(List.of(Long.parseLong(v.group(1)), Long.parseLong(v.group(2))));
        if (v.group(3) != null) {
            out.add(Long.parseLong(v.group(3)));
        }
        return out;
    }

    /** Whether a rust-toolchain file of the build context chooses the toolchain (rustup then uses that one). */
    private static boolean toolchainFile(ReviewContext context, BuiltImage image) {
        Set<String> dirs = new HashSet<>();
        var build = image.container().build();
        dirs.add(build == null || build.context() == null ? "" : build.context());
        image.container().manifests().forEach(m -> dirs.add(PathNames.parent(m.file())));
        return dirs.stream().anyMatch(dir -> context.project().source(PathNames.join(dir, "rust-toolchain.toml")).isPresent()
                || context.project().source(PathNames.join(dir, "rust-toolchain")).isPresent());
    }

    private static boolean runsCargo(DockerfileModel model, Stage stage) {
        return RunStep.of(model, List.of(stage)).stream().anyMatch(run -> !run.calls("cargo").isEmpty());
    }

    /** Whether the stage or one it builds on installs or selects another toolchain than the image's. */
    private static boolean changesToolchain(DockerfileModel model, Stage stage) {
        for (RunStep run : RunStep.of(model, Stages.inImage(model, stage))) {
            if (run.step().variables().definition("RUSTUP_TOOLCHAIN") != null || run.text().contains("RUSTUP_TOOLCHAIN")
                    || run.text().contains("cargo +")) {
                return true;
            }
            for (Call call : run.calls("rustup")) {
                if (!call.args().isEmpty() && TOOLCHAIN_CHANGES.contains(call.args().get(0).value())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Rust release an official rust tag pins ({@code [1, 80]} for rust:1.80-slim), or null for a moving tag. */
    private static List<Long> pinnedRust(ImageReference ref) {
        if (!ImageTags.officialName(ref).equals("rust") || !ref.hasExplicitTag() || ref.tag().contains("$")) {
            return null;
        }
        TagVersion version = ref.version();
        if (version == null || !version.hasVersion() || version.components().size() < 2) {
            return null;
        }
        return version.components();
    }

    /** Versions compared on the numbers both give: rust:1.80 is any 1.80.x, so it holds rust-version 1.80.1. */
    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String join(List<Long> version) {
        return String.join(".", version.stream().map(String::valueOf).toList());
    }

    /** The tag with its version replaced by the needed release line, variant kept: 1.82-slim-bookworm to 1.85-slim-bookworm. */
    private static String newerTag(String tag, String needed) {
        return tag.replaceFirst("^\\d+\\.\\d+(?:\\.\\d+)?", needed);
    }
}
