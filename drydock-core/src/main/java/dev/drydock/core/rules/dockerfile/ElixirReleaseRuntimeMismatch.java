package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.ImageSystems;
import dev.drydock.core.rules.support.ImageSystems.OperatingSystem;
import dev.drydock.core.rules.support.MixReleases;
import dev.drydock.core.rules.support.Stages;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "elixir-release-runtime-mismatch",
        title = "A Mix release with its Erlang runtime is copied onto an image of another system",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Every COPY --from that takes a Mix release (_build/ENV/rel/..., or the --path of the builder's"
                + " `mix release`) from a builder stage running `mix release` into a stage whose image is built on"
                + " another system: a glibc distribution (Debian, Ubuntu) against Alpine's musl, or two releases whose"
                + " OpenSSL major versions differ or whose runtime has an older glibc. The systems come from the image"
                + " names and tags: debian, ubuntu and alpine images, tags naming a release (-bookworm, -alpine3.20),"
                + " the official elixir and erlang images (Debian unless the tag says alpine) and hexpm/elixir's"
                + " -debian-RELEASE-, -ubuntu-RELEASE- and -alpine-VERSION tags. Quiet when mix.exs sets"
                + " include_erts: false, when either image is a variable or unknown, and when a release is unknown.",
        problem = "`mix release` copies ERTS, the Erlang runtime of the builder, into the release: its programs and"
                + " the crypto library's NIF are compiled against the builder's C library, OpenSSL and ncurses. Mix's"
                + " documentation only supports running a release on the same operating system distribution and"
                + " version it was built on.",
        impact = "The container does not start (musl cannot load a glibc program: `bin/app: not found`, `Error"
                + " loading shared library`), or it starts and everything that needs :crypto (TLS, Phoenix sessions,"
                + " password hashing) fails because libcrypto.so.1.1 or libcrypto.so.3 is missing.",
        recommendation = "Run the release on the system it was built on: the same distribution and release in both"
                + " FROM lines, as phx.gen.release writes them (hexpm/elixir:...-debian-bookworm-... with"
                + " debian:bookworm-slim, or an alpine builder with the same alpine version).",
        references = {
                "https://hexdocs.pm/mix/Mix.Tasks.Release.html#module-requirements",
                "https://hexdocs.pm/phoenix/releases.html#containers"},
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build
                        WORKDIR /app
                        ENV MIX_ENV=prod
                        COPY . .
                        RUN mix deps.get --only prod && mix release

                        FROM alpine:3.20.3
                        COPY --from=build /app/_build/prod/rel/shop /app
                        CMD ["/app/bin/shop", "start"]
                        """,
                good = """
                        FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build
                        WORKDIR /app
                        ENV MIX_ENV=prod
                        COPY . .
                        RUN mix deps.get --only prod && mix release

                        FROM debian:bookworm-20241016-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends libstdc++6 openssl \\
                                libncurses6 locales ca-certificates && rm -rf /var/lib/apt/lists/*
                        COPY --from=build /app/_build/prod/rel/shop /app
                        CMD ["/app/bin/shop", "start"]
                        """,
                alongside = @ExampleFile(name = "mix.exs", content = """
                        defmodule Shop.MixProject do
                          use Mix.Project

                          def project do
                            [app: :shop, version: "0.1.0", elixir: "~> 1.17", deps: []]
                          end
                        end
                        """)))
public final class ElixirReleaseRuntimeMismatch implements Rule {

    private static final Pattern NO_ERTS = Pattern.compile("(?m)^[^#\\n]*\\binclude_erts:\\s*false\\b");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (withoutErts(context, image)) {
                continue;
            }
            DockerfileModel model = image.model();
            for (Stage stage : image.imageStages()) {
                Optional<OperatingSystem> runtime = ImageSystems.of(Stages.rootBase(model, stage));
                if (runtime.isEmpty()) {
                    continue;
                }
                for (CopyCommand copy : stage.copies()) {
                    if (copy.fromStage() < 0 || copy.fromStage() >= model.stages().size()
                            || copy.fromStage() == stage.index()) {
                        continue;
                    }
                    Stage builder = model.stages().get(copy.fromStage());
                    List<MixReleases.Assembly> releases = MixReleases.of(model, builder);
                    if (releases.isEmpty()) {
                        continue;
                    }
                    Optional<OperatingSystem> built = ImageSystems.of(Stages.rootBase(model, builder));
                    String breaks = built.map(b -> breakage(b, runtime.get())).orElse(null);
                    if (breaks == null) {
                        continue;
                    }
                    List<Word> words = CopySources.sources(copy.instruction());
                    for (int i = 0; i < copy.sources().size() && i < words.size(); i++) {
                        String source = words.get(i).value();
                        if (!MixReleases.isRelease(source, releases)
                                && !MixReleases.isRelease(copy.sources().get(i), releases)) {
                            continue;
                        }
                        context.finding(this, image.dockerfile(), words.get(i).span(), "COPY takes the Mix release "
                                        + source + ", with the Erlang runtime built on "
                                        + name(Stages.rootBase(model, builder)) + " (" + built.get().describe()
                                        + "), into " + name(Stages.rootBase(model, stage)) + " ("
                                        + runtime.get().describe() + "): " + breaks)
                                .add();
                        break;
                    }
                }
            }
        }
    }

    /** What fails when a release built on one system runs on the other, or null when nothing known does. */
    static String breakage(OperatingSystem built, OperatingSystem runtime) {
        if (built.musl() != runtime.musl()) {
            return built.musl()
                    ? "its programs are linked against musl, which the image lacks, so bin/ cannot start the"
                            + " runtime (\"Error loading shared library\" or \"not found\")"
                    : "its programs are linked against glibc and the image has musl, so the container cannot start"
                            + " (\"bin/...: not found\", \"Error loading shared library\")";
        }
        if (built.release() == null || runtime.release() == null || built.equals(runtime)) {
            return null;
        }
        String builtSsl = built.openssl();
        String runSsl = runtime.openssl();
        if (builtSsl != null && runSsl != null && !builtSsl.equals(runSsl)) {
            return "the crypto NIF is linked against OpenSSL " + builtSsl + " and the image ships OpenSSL " + runSsl
                    + ", so :crypto does not load and TLS, sessions and password hashing fail";
        }
        if (ImageSystems.olderGlibc(runtime, built)) {
            return "the runtime needs glibc " + built.glibc() + " and the image has " + runtime.glibc()
                    + ", so it stops at start (\"version `GLIBC_" + built.glibc() + "' not found\")";
        }
        return null;
    }

    private static String name(BaseImage base) {
        return base instanceof BaseImage.External external && external.reference() != null
                ? external.reference().familiarString() : "its base image";
    }

    /** Whether the project's mix.exs leaves ERTS out of its releases (the runtime image then brings Erlang). */
    private static boolean withoutErts(ReviewContext context, BuiltImage image) {
        List<Manifest> manifests = image.containers().stream().map(Container::manifests).flatMap(List::stream)
                .toList();
        if (manifests.stream().noneMatch(m -> m.kind() == ManifestKind.MIX_EXS)) {
            manifests = context.project().manifests();
        }
        return manifests.stream().filter(m -> m.kind() == ManifestKind.MIX_EXS)
                .map(m -> context.project().source(m.file()).map(f -> f.text()).orElse(null))
                .filter(Objects::nonNull)
                .anyMatch(text -> NO_ERTS.matcher(text).find());
    }
}
