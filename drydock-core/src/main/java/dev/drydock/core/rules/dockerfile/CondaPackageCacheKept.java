package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CondaCommands;
import dev.drydock.core.rules.support.DockerfileEdits;
import dev.drydock.core.rules.support.RunStep;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "conda-package-cache-kept",
        title = "conda, mamba or micromamba leaves its package cache in the image",
        severity = Severity.LOW,
        category = Category.PERFORMANCE,
        checks = "conda, mamba and micromamba install, create, update and upgrade, and their env create and env"
                + " update (a create with neither packages nor a file downloads nothing; --dry-run is left alone), in"
                + " the RUNs of the stages the final image is made of, shell form and heredocs. Fine when a later"
                + " command of the same RUN cleans the package cache (conda, mamba or micromamba clean with --all,"
                + " --tarballs, --packages or --force-pkgs-dirs, also in clusters such as -afy or -tipsy) or removes a"
                + " pkgs folder (rm -rf /opt/conda/pkgs/*), or when a cache or tmpfs mount holds it (a target ending in"
                + " /pkgs, or covering CONDA_PKGS_DIRS). One finding per RUN, at its first install the RUN does not"
                + " clean after. Builder stages are not looked at: their cache never reaches the image.",
        problem = "conda and its relatives download every package as an archive into the installation's pkgs folder"
                + " and extract it there before linking it into the environment; the archives stay in the folder"
                + " after the install, so in a RUN they become part of its layer although nothing reads them again.",
        impact = "The layer carries a second, compressed copy of every package installed plus the channel index"
                + " cache: commonly hundreds of MB, and gigabytes for environments with PyTorch and CUDA libraries."
                + " A clean in a later RUN cannot take them out of the earlier layer.",
        recommendation = "End the same RUN with && conda clean --all --yes (mamba clean --all --yes, micromamba clean"
                + " --all --yes); or keep the cache between builds without putting it in the image with"
                + " RUN --mount=type=cache,target=/opt/conda/pkgs.",
        references = {
                "https://docs.conda.io/projects/conda/en/latest/commands/clean.html",
                "https://docs.conda.io/projects/conda/en/latest/user-guide/configuration/settings.html#pkgs-dirs",
                "https://micromamba-docker.readthedocs.io/en/latest/quick_start.html",
                "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM mambaorg/micromamba:1.5.8
                        COPY --chown=$MAMBA_USER:$MAMBA_USER environment.yml /tmp/environment.yml
                        RUN micromamba install --yes --name base --file /tmp/environment.yml
                        """,
                good = """
                        FROM mambaorg/micromamba:1.5.8
                        COPY --chown=$MAMBA_USER:$MAMBA_USER environment.yml /tmp/environment.yml
                        RUN micromamba install --yes --name base --file /tmp/environment.yml \\
                            && micromamba clean --all --yes
                        """))
public final class CondaPackageCacheKept implements Rule {

    private static final Set<String> VERBS = Set.of("install", "create", "update", "upgrade");
    private static final Set<String> CLEANING = Set.of("-a", "--all", "-t", "--tarballs", "-p", "--packages", "-f",
            "--force-pkgs-dirs");

    /** An install that downloads packages: the call, its tool's name as written, and the verb word. */
    private record Install(Call call, String tool, Call.Arg verb) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (RunStep run : image.imageRuns()) {
                check(context, image, run);
            }
        }
    }

    private void check(ReviewContext context, BuiltImage image, RunStep run) {
        List<Call> calls = run.calls();
        int lastClean = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (cleans(calls.get(i))) {
                lastClean = i;
            }
        }
        Install first = null;
        Install last = null;
        for (int i = lastClean + 1; i < calls.size(); i++) {
            Optional<Install> install = install(calls.get(i));
            if (install.isPresent()) {
                first = first == null ? install.get() : first;
                last = install.get();
            }
        }
        if (first == null || mounted(run)) {
            return;
        }
        String clean = first.tool() + " clean --all --yes";
        context.finding(this, image.dockerfile(), first.call().spanTo(first.verb()), BuildRuns.describe(first.call())
                        + " leaves the packages it downloads in " + cacheFolder(run, first.tool()) + ": nothing later in"
                        + " this RUN cleans that cache and no cache mount holds it, so the archives stay in the layer")
                .recommendation("Add && " + clean + " at the end of the same RUN, or run it with"
                        + " --mount=type=cache,target=" + cacheFolder(run, first.tool()) + ".")
                .fix(DockerfileEdits.runAfter(image, run, last.call(), last.tool() + " clean --all --yes"))
                .add();
    }

    /** The install when the call is one of conda's, mamba's or micromamba's that download packages. */
    private static Optional<Install> install(Call call) {
        Optional<CondaCommands.Invocation> found = CondaCommands.of(call);
        if (found.isEmpty() || !VERBS.contains(found.get().verbName()) || found.get().options().has("--dry-run", "-d")) {
            return Optional.empty();
        }
        CondaCommands.Invocation command = found.get();
        if (!command.env() && command.verbName().equals("create") && command.operands().isEmpty()
                && !command.options().has("-f", "--file")) {
            return Optional.empty(); // an empty environment: nothing to download
        }
        return Optional.of(new Install(call, call.name(), command.verb()));
    }

    private static boolean cleans(Call call) {
        if (CondaCommands.isConda(call)) {
            Call.Options options = call.options();
            return options.subcommand().map(Call.Arg::value).filter("clean"::equals).isPresent()
                    && options.all().stream().anyMatch(o -> CLEANING.contains(o.name()));
        }
        return call.is("rm") && call.options().operands().stream()
                .map(a -> a.value().replaceAll("(/\\*)?/*$", ""))
                .anyMatch(path -> path.endsWith("/pkgs") || path.contains("/pkgs/"));
    }

    private static boolean mounted(RunStep run) {
        String pkgsDirs = run.variable("CONDA_PKGS_DIRS");
        if (pkgsDirs != null && !pkgsDirs.isBlank()
                && List.of(pkgsDirs.split(",")).stream().allMatch(d -> run.cacheMountCovers(d.strip()))) {
            return true;
        }
        return run.mounts().stream().anyMatch(m -> (m.type().equals("cache") || m.type().equals("tmpfs"))
                && m.target().orElse("").replaceAll("/+$", "").endsWith("/pkgs"));
    }

    /** The package cache as far as the build variables tell it; the images' usual /opt/conda/pkgs otherwise. */
    private static String cacheFolder(RunStep run, String tool) {
        String pkgsDirs = run.variable("CONDA_PKGS_DIRS");
        if (pkgsDirs != null && !pkgsDirs.isBlank() && !pkgsDirs.contains("$")) {
            return pkgsDirs.split(",")[0].strip();
        }
        String root = tool.endsWith("micromamba") ? run.variable("MAMBA_ROOT_PREFIX") : run.variable("CONDA_DIR");
        return root != null && root.startsWith("/") && !root.contains("$") ? root.replaceAll("/+$", "") + "/pkgs"
                : "/opt/conda/pkgs";
    }
}
