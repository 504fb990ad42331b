package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.PyProject;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A step of a build that reads the git checkout the build context holds, so that the context's .git must reach the
 * builder: a RUN that asks git about it ({@code git describe}, {@code git rev-parse HEAD}; cloning or configuring git
 * does not), or a RUN that installs the context's Python project while its pyproject.toml takes the version from git
 * (setuptools-scm, hatch-vcs, versioningit, poetry-dynamic-versioning, dunamai, pbr ... in build-system.requires).
 *
 * @param run the RUN
 * @param why what reads the checkout, for a message ({@code `git rev-parse --short HEAD` asks git about the checkout})
 */
public record CheckoutReaders(RunStep run, String why) {

    private static final Set<String> GIT_WITHOUT_CHECKOUT = Set.of("clone", "init", "config", "ls-remote", "version",
            "--version", "help", "");

    /** Build back-ends and plug-ins that read the project's version from its git checkout. */
    private static final List<String> VCS_VERSIONING = List.of("setuptools-scm", "hatch-vcs", "versioningit",
            "poetry-dynamic-versioning", "dunamai", "pbr", "setuptools-git-versioning", "uv-dynamic-versioning",
            "vcs-versioning");

    /** The first step of the build (its image's stages) that reads the checkout, or empty. */
    public static Optional<CheckoutReaders> of(Project project, BuildLink build) {
        if (build.model() == null || build.stage() == null) {
            return Optional.empty();
        }
        return build.model().derived("checkout-readers", build, () -> find(project, build));
    }

    private static Optional<CheckoutReaders> find(Project project, BuildLink build) {
        String versioning = vcsVersioning(project, build);
        for (RunStep run : RunStep.of(build.model(), Stages.needed(build.model(), build.stage()))) {
            for (Call call : run.calls()) {
                if (call.is("git")) {
                    String verb = call.options("-C", "-c", "--git-dir", "--work-tree").subcommand()
                            .map(Call.Arg::value).orElse("");
                    if (!GIT_WITHOUT_CHECKOUT.contains(verb)) {
                        return Optional.of(new CheckoutReaders(run, "`" + written(call) + "` asks git about the checkout"));
                    }
                } else if (versioning != null && PythonProjectInstalls.installsProject(call)) {
                    return Optional.of(new CheckoutReaders(run, "`" + written(call) + "` builds the project with " + versioning + ", which takes its version from git"));
                }
            }
        }
        return Optional.empty();
    }

    private static String written(Call call) {
        StringBuilder out = new StringBuilder(call.name());
        call.args().forEach(arg -> out.append(' ').append(arg.value()));
        return ShortText.of(out.toString(), 60);
    }

    /** The git versioning plug-in the context's pyproject.toml builds with, or null. */
    private static String vcsVersioning(Project project, BuildLink build) {
        Optional<SourceFile> file = project.source(PathNames.join(build.context(), "pyproject.toml"));
        if (file.isEmpty()) {
            return null;
        }
        try {
            for (String requirement : PyProject.of(file.get()).buildRequires()) {
                String name = requirement.toLowerCase(Locale.ROOT).replace('_', '-').split("[^a-z0-9.-]", 2)[0];
                if (VCS_VERSIONING.contains(name)) {
                    return name;
                }
            }
        } catch (SourceException e) {
            return null;
        }
        return null;
    }
}
