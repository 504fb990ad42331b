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
import dev.drydock.core.rules.support.LanguageInstalls;
import dev.drydock.core.rules.support.LanguageInstalls.Install;
import dev.drydock.core.rules.support.Spans;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "language-package-unpinned",
        title = "A language package is installed without a version",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "Every RUN of the stages a build uses (builder stages too: what they build is copied into the"
                + " image), shell and exec form, heredocs and sudo included: pip/pip3/python -m pip install, uv pip"
                + " install, uv tool install, uv add, pipx install and poetry add name packages without ==, ===, ~=,"
                + " an upper bound or a VCS @ref (a lower bound alone still floats); npm install/i/add, yarn add,"
                + " yarn global add, pnpm add and bun add without @version (a dist-tag such as @latest is not one),"
                + " corepack prepare/install/use of pnpm@latest or yarn@stable;"
                + " gem install without gem:version (or -v for a single gem); conda, mamba and micromamba install"
                + " and create of a package without =version, ==version, an upper bound or a version after a space"
                + " (conda's numpy=1.26 fixes the minor release, like pip's ~=); go install/get/run of a module at"
                + " @latest or a branch, and go get without a version; cargo install without a version or without"
                + " --locked. Requirement and constraint files (-r, -c), local paths, archives, download URLs whose"
                + " path names a commit hash or a version tag (GitHub's /tarball/<commit>) and bare npm"
                + " install/npm ci are fine. An installer upgrading itself (pip install --upgrade pip, npm install -g npm)"
                + " is not reported; other build tools (setuptools, wheel, yarn, bundler...) are low. A constraint"
                + " written unquoted (pip install flask>=2.0) is a shell redirection that leaves the bare name: the"
                + " message says so.",
        problem = "A package named without a version resolves to the newest release each time the image is built.",
        impact = "Two builds of the same commit install different code: a new major release breaks the image with"
                + " no change in the repository, a compromised release is picked up automatically, and old images"
                + " cannot be rebuilt as they were.",
        recommendation = "Give each package its exact version (flask==3.0.3, typescript@5.4.5, bundler:2.5.11,"
                + " numpy=1.26.4, tool@v1.2.3, cargo install --locked crate@1.2.3), or install from a locked manifest"
                + " (pip install -r requirements.txt with pinned versions, npm ci, bundle install).",
        references = {
                "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
                "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
                "https://docs.npmjs.com/cli/commands/npm-install",
                "https://go.dev/ref/mod#go-install",
                "https://doc.rust-lang.org/cargo/commands/cargo-install.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/NPM_Security_Cheat_Sheet.html"},
        aliases = {"DL3013", "DL3016", "DL3028", "DL3062", "Unpinned Package Version in Pip Install",
                "NPM Install Command Without Pinned Version", "Gem Install Without Version"},
        fix = FixSafety.NONE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM node:20.15.1-bookworm-slim
                        RUN npm install -g typescript
                        """,
                good = """
                        FROM node:20.15.1-bookworm-slim
                        RUN npm install -g typescript@5.4.5
                        """))
public final class LanguagePackageUnpinned implements Rule {

    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\d+(\\.\\d+)?$");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                for (Call call : run.run().calls()) {
                    Optional<Install> install = LanguageInstalls.of(call).map(LanguagePackageUnpinned::withoutSelfUpgrade);
                    if (install.isPresent() && !install.get().unpinned().isEmpty()) {
                        report(context, image, install.get());
                    }
                }
            }
        }
    }

    /**
     * Leaves out the installer upgrading itself (pip install --upgrade pip, npm install -g npm): it changes the
     * tool that installs, not the code the application runs, and the packages it then installs are checked.
     */
    private static Install withoutSelfUpgrade(Install install) {
        String self = VERSION_SUFFIX.matcher(install.call().name()).replaceAll("");
        List<Call.Arg> rest = install.unpinned().stream()
                .filter(a -> !LanguageInstalls.name(a.value()).equals(self)).toList();
        return new Install(install.call(), install.tool(), install.ecosystem(), rest, install.reason(),
                install.pinnedForm());
    }

    private void report(ReviewContext context, BuiltImage image, Install install) {
        List<Call.Arg> unpinned = install.unpinned();
        List<String> names = unpinned.stream().map(Call.Arg::value).toList();
        boolean installersOnly = names.stream()
                .allMatch(n -> LanguageInstalls.INSTALLERS.contains(LanguageInstalls.name(n)));
        String what = String.join(", ", names);
        List<String> cut = new ArrayList<>();
        for (Call.Arg arg : unpinned) {
            install.call().versionCutOff(arg).ifPresent(redirect -> cut.add(arg.value() + redirect));
        }
        String cutOff = cut.isEmpty() ? "" : "; the shell reads " + String.join(", ", cut) + " as "
                + (cut.size() == 1 ? "a name and a redirection" : "names and redirections")
                + ": the version constraint never reaches " + install.call().name()
                + " and its output goes to a file named after the version";
        context.finding(this, image.dockerfile(), Spans.cover(unpinned.get(0).span(), unpinned.get(unpinned.size() - 1)
                                .span()),
                        install.tool() + " " + what + ": " + (names.stream().allMatch(LanguageInstalls::repositoryUrl)
                                ? "the repository URL names no commit or tag, so each build installs whatever its"
                                        + " default branch holds that day"
                                : install.reason()) + cutOff)
                .severity(installersOnly ? Severity.LOW : Severity.MEDIUM)
                .recommendation((cut.isEmpty() ? "" : "Quote each requirement so the shell passes it whole ('"
                        + String.join("' '", cut) + "'). ")
                        + "Pin " + (names.size() == 1 ? "it" : "each") + " to the version you test with: "
                        + String.join(" ", names.stream().map(install::pinned).toList())
                        + (names.stream().anyMatch(LanguageInstalls::repositoryUrl)
                                ? " (a repository URL takes the full commit hash, which, unlike a branch or a tag,"
                                        + " cannot be moved)"
                                : "")
                        + "; or list the packages in a locked manifest and install from it.")
                .add();
    }
}
