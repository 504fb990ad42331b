package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.Span;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Origin;
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
import dev.drydock.core.rules.support.RunStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "rust-debug-build",
        title = "The image ships an unoptimised Rust debug build",
        severity = Severity.HIGH,
        category = Category.PERFORMANCE,
        checks = "Images (not those built for development or tests) whose final stage copies a file from a target/debug/"
                + " (or target/<triple>/debug/) folder of another stage, or, when it copies none, whose command runs a"
                + " program from such a folder, when a stage the image needs runs `cargo build` without --release, -r"
                + " or --profile. Reported at the COPY source (or the CMD/ENTRYPOINT), naming the build's line, and"
                + " noting a `cargo chef cook --release` whose release-profile dependencies that build cannot reuse.",
        problem = "`cargo build` without --release uses Cargo's dev profile: no optimisation (opt-level 0), debug"
                + " assertions and integer overflow checks on, full debug information. The binary lands in"
                + " target/debug/, and copying it from there ships that build.",
        impact = "The service runs unoptimised code, commonly several to tens of times slower than the release"
                + " build, panics on arithmetic overflow that a release build wraps, and the binary is much larger."
                + " With cargo-chef, a release `cook` leaves the dev build to compile every dependency again.",
        recommendation = "Build with `cargo build --release --locked` and copy the binary from target/release/.",
        references = {
                "https://doc.rust-lang.org/cargo/reference/profiles.html#default-profiles",
                "https://doc.rust-lang.org/cargo/commands/cargo-build.html",
                "https://github.com/LukeMathWalker/cargo-chef#how-to-use"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM rust:1.83.0-slim-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN cargo build --locked

                        FROM debian:bookworm-slim
                        COPY --from=build /src/target/debug/ledger /usr/local/bin/ledger
                        USER 10001
                        CMD ["ledger"]
                        """,
                good = """
                        FROM rust:1.83.0-slim-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN cargo build --release --locked

                        FROM debian:bookworm-slim
                        COPY --from=build /src/target/release/ledger /usr/local/bin/ledger
                        USER 10001
                        CMD ["ledger"]
                        """,
                alongside = @ExampleFile(name = "Cargo.toml", content = """
                        [package]
                        name = "ledger"
                        version = "0.1.0"
                        edition = "2021"
                        """)))
public final class RustDebugBuild implements Rule {

    /** A path into Cargo's dev-profile output: target/debug/NAME or target/TRIPLE/debug/NAME; group 1 is "debug". */
    private static final Pattern DEBUG_PATH = Pattern.compile("(?:^|/)target/(?:[A-Za-z0-9_.-]+/)?(debug)/[^/\\s\"']+$");
    private static final Pattern DEBUG_IN_TEXT = Pattern.compile("target/(?:[A-Za-z0-9_.-]+/)?(debug)/");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage() || image.isDevelopmentTarget()) {
                continue;
            }
            List<Call> builds = debugBuilds(image);
            if (builds.isEmpty()) {
                continue;
            }
            Stage finalStage = image.stage();
            boolean reported = false;
            for (CopyCommand copy : finalStage.copies()) {
                if (copy.fromStage() < 0 || copy.fromStage() == finalStage.index()) {
                    continue;
                }
                List<Word> sources = CopySources.sources(copy.instruction());
                for (int i = 0; i < copy.sources().size() && i < sources.size(); i++) {
                    String source = copy.sources().get(i);
                    if (DEBUG_PATH.matcher(source).find()) {
                        report(context, image, builds, sources.get(i).span(), source, "COPY takes " + source);
                        reported = true;
                    }
                }
            }
            if (!reported) {
                command(context, image, builds);
            }
        }
    }

    /** The final command when its program lives in target/debug/ (a single-stage image that builds and runs). */
    private void command(ReviewContext context, BuiltImage image, List<Call> builds) {
        EffectiveCommand command = image.container().command();
        if (command == null || command.argv().isEmpty()) {
            return;
        }
        String program = command.argv().stream().filter(a -> DEBUG_PATH.matcher(a).find()).findFirst().orElse(null);
        if (program == null) {
            return;
        }
        Origin origin = command.originOf(program);
        if (origin == null || !origin.file().equals(image.dockerfile())) {
            return;
        }
        report(context, image, builds, origin.span(), program, "the command runs " + program);
    }

    private void report(ReviewContext context, BuiltImage image, List<Call> builds, Span where, String path,
            String what) {
        Call build = builds.get(0);
        String release = path.replaceFirst("/debug/", "/release/").replaceFirst("^target/debug/", "target/release/");
        String chef = chefCook(image);
        Fix fix = fix(context, image, builds, where);
        context.finding(this, image.dockerfile(), where, what + ", the output of `" + text(build) + "` (line "
                        + build.span().startLine() + ") without --release: Cargo's dev profile, unoptimised code with"
                        + " debug assertions and overflow checks, many times slower and larger than the release build"
                        + (chef == null ? "" : "; and `" + chef + "` prepared the dependencies for the release profile,"
                                + " so this build compiles them all again"))
                .recommendation("Build with `" + text(build) + " --release` (line " + build.span().startLine()
                        + ") and take " + release + " instead.")
                .fix(fix)
                .add();
    }

    /** Adds --release to each debug `cargo build` and turns debug/ into release/ in the reported words. */
    private static Fix fix(ReviewContext context, BuiltImage image, List<Call> builds, Span where) {
        String text = context.project().source(image.dockerfile()).map(f -> f.text()).orElse(null);
        if (text == null) {
            return null;
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Call build : builds) {
            Call.Arg sub = build.args().isEmpty() ? null : build.args().get(0);
            if (sub == null || !sub.value().equals("build") || sub.span() == null) {
                return null;
            }
            edits.add(TextEdit.insert(image.dockerfile(), sub.span().end(), " --release"));
        }
        Matcher m = DEBUG_IN_TEXT.matcher(text).region(where.start(), Math.min(where.end(), text.length()));
        boolean any = false;
        while (m.find()) {
            edits.add(TextEdit.replace(image.dockerfile(), m.start(1), m.end(1), "release"));
            any = true;
        }
        return any ? Fix.of("build with --release and take the binary from target/release/", FixSafety.UNSAFE, edits)
                : null;
    }

    /** The `cargo build` calls without a release profile in the stages the image needs (shell-form RUNs only). */
    private static List<Call> debugBuilds(BuiltImage image) {
        List<Call> found = new ArrayList<>();
        for (RunStep run : RunStep.of(image.model(), image.neededStages())) {
            for (Call call : run.calls("cargo")) {
                List<String> args = call.args().stream().map(Call.Arg::value).toList();
                if (args.isEmpty() || !args.get(0).equals("build")) {
                    continue;
                }
                boolean release = false;
                for (String arg : args) {
                    if (arg.equals("--")) {
                        break;
                    }
                    if (arg.equals("--release") || arg.equals("-r") || arg.equals("--profile")
                            || arg.startsWith("--profile=")) {
                        release = true;
                    }
                }
                if (!release && run.script() != null) {
                    found.add(call);
                }
            }
        }
        return found;
    }

    /** `cargo chef cook ... --release` in a stage the image needs, or null. */
    private static String chefCook(BuiltImage image) {
        for (RunStep run : RunStep.of(image.model(), image.neededStages())) {
            for (Call call : run.calls("cargo")) {
                List<String> args = call.args().stream().map(Call.Arg::value).toList();
                if (args.size() > 1 && args.get(0).equals("chef") && args.get(1).equals("cook")
                        && (args.contains("--release") || args.contains("-r"))) {
                    return "cargo chef cook --release";
                }
            }
        }
        return null;
    }

    private static String text(Call call) {
        StringBuilder out = new StringBuilder(call.name());
        for (Call.Arg arg : call.args()) {
            out.append(' ').append(arg.value());
        }
        return out.toString();
    }
}
