package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

@RuleDefinition(
        id = "cargo-chef-profile-mismatch",
        title = "cargo chef cook prepares the dependencies for another profile or target than the build uses",
        severity = Severity.MEDIUM,
        category = Category.PERFORMANCE,
        checks = "In each stage an image needs, a `cargo chef cook` followed by a `cargo build` (or `cargo b`,"
                + " `cargo install --path`) whose profile (--release or -r, --profile NAME; the dev profile"
                + " otherwise) or --target differs from the cook's, when the build is not a dev build (a release"
                + " cook before a dev build is rust-debug-build's to report).",
        problem = "cargo-chef caches the compiled dependencies in their own layer, keyed on recipe.json, so that a"
                + " change to the sources does not rebuild them. Cargo keeps each profile's and each target's"
                + " artifacts apart (target/debug, target/release, target/<triple>/...): a cook in the dev profile"
                + " leaves nothing a release build can use.",
        impact = "Every build compiles every dependency again in the build step, after the sources are copied, for"
                + " each change to them: the cook step only adds its own time, and CI builds take minutes longer than"
                + " the Dockerfile's layering promises.",
        recommendation = "Give `cargo chef cook` the same profile, target and features as the `cargo build` after it:"
                + " `cargo chef cook --release --recipe-path recipe.json` before `cargo build --release`.",
        references = {"https://github.com/LukeMathWalker/cargo-chef#how-to-use",
                "https://doc.rust-lang.org/cargo/reference/profiles.html"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM lukemathwalker/cargo-chef:0.1.68-rust-1.83.0 AS chef
                        WORKDIR /src

                        FROM chef AS planner
                        COPY . .
                        RUN cargo chef prepare --recipe-path recipe.json

                        FROM chef AS builder
                        COPY --from=planner /src/recipe.json recipe.json
                        RUN cargo chef cook --recipe-path recipe.json
                        COPY . .
                        RUN cargo build --release --locked --bin ledger
                        """,
                good = """
                        FROM lukemathwalker/cargo-chef:0.1.68-rust-1.83.0 AS chef
                        WORKDIR /src

                        FROM chef AS planner
                        COPY . .
                        RUN cargo chef prepare --recipe-path recipe.json

                        FROM chef AS builder
                        COPY --from=planner /src/recipe.json recipe.json
                        RUN cargo chef cook --release --recipe-path recipe.json
                        COPY . .
                        RUN cargo build --release --locked --bin ledger
                        """))
public final class CargoChefProfileMismatch implements Rule {

    private static final String[] VALUE_OPTIONS = {"--recipe-path", "--target", "--target-dir", "--profile", "-F",
        "--features", "--bin", "-p", "--package", "--manifest-path", "-j", "--jobs", "--path", "--root", "-Z",
        "--config", "--example", "--test", "--bench", "--color"};

    /** What the artifacts of a cargo command are compiled for. */
    private record Build(String profile, String target) {

        static Build of(Call.Options options) {
            String profile = options.has("--release", "-r") ? "release"
                    : options.values("--profile").stream().reduce((a, b) -> b).orElse("dev");
            String target = options.values("--target").stream().reduce((a, b) -> b).orElse(null);
            return new Build(profile.equals("debug") ? "dev" : profile, target);
        }

        String describe() {
            return (profile.equals("dev") ? "the dev profile" : profile.equals("release") ? "the release profile"
                    : "the " + profile + " profile") + (target == null ? "" : " for " + target);
        }
    }

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.neededStages()) {
                Call cook = null;
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    for (Call call : run.calls("cargo")) {
                        List<Call.Arg> operands = call.options(VALUE_OPTIONS).operands();
                        String first = operands.isEmpty() ? "" : operands.get(0).value();
                        if (first.equals("chef") && operands.size() > 1 && operands.get(1).value().equals("cook")) {
                            cook = call;
                        } else if (cook != null && (first.equals("build") || first.equals("b")
                                || first.equals("install") && call.options(VALUE_OPTIONS).has("--path"))) {
                            compare(context, image, cook, call, reported);
                            cook = null;
                        }
                    }
                }
            }
        }
    }

    private void compare(ReviewContext context, BuiltImage image, Call cook, Call build, Set<String> reported) {
        Build cooked = Build.of(cook.options(VALUE_OPTIONS));
        Call.Options buildOptions = build.options(VALUE_OPTIONS);
        boolean install = buildOptions.operands().get(0).value().equals("install");
        Build built = install && !buildOptions.has("--debug") && !buildOptions.has("--profile")
                ? new Build("release", Build.of(buildOptions).target()) : Build.of(buildOptions);
        if (cooked.equals(built) || built.profile().equals("dev") && Objects.equals(cooked.target(), built.target())
                || cook.span() == null || !reported.add(image.dockerfile() + "#" + cook.span().start())) {
            return;
        }
        int line = build.span() == null ? 0 : build.span().startLine();
        boolean onlyRelease = cooked.profile().equals("dev") && built.profile().equals("release")
                && Objects.equals(cooked.target(), built.target());
        Call.Arg cookWord = cook.options(VALUE_OPTIONS).operands().get(1);
        context.finding(this, image.dockerfile(), cook.span(), "`cargo chef cook` compiles the dependencies in "
                        + cooked.describe() + ", but the `cargo " + (install ? "install" : "build") + "` on line "
                        + line
                        + " builds in " + built.describe() + ": it reuses none of the cooked artifacts and compiles"
                        + " every dependency again at each change to the sources")
                .recommendation("Cook what the build builds: `cargo chef cook" + (built.profile().equals("release")
                        ? " --release" : built.profile().equals("dev") ? "" : " --profile " + built.profile())
                        + (built.target() == null ? "" : " --target " + built.target()) + " --recipe-path recipe.json`"
                        + " (with the same --features as the build).")
                .fix(onlyRelease && cookWord.span() != null ? Fix.of("cook the dependencies with --release",
                        FixSafety.SAFE, TextEdit.insert(image.dockerfile(), cookWord.span().end(), " --release"))
                        : null)
                .add();
    }
}
