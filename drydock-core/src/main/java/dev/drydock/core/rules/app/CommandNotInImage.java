package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ContainerStart;
import dev.drydock.core.rules.support.ImageFiles;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "command-not-in-image",
        title = "The container's command starts a program by an absolute path that nothing puts into the image",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The program a container of an image built here starts by an absolute path: the image's own"
                + " ENTRYPOINT (or CMD, without an ENTRYPOINT or behind one that is only an init process such as"
                + " [\"tini\", \"--\"]), and the `command` of a Kubernetes container that runs"
                + " the image (or the first word of its `args`, when the image sets no ENTRYPOINT). Fires when drydock"
                + " knows every source of the image's files and none puts a file there: the first base image is scratch"
                + " or an official image of a language or a system (debian, python, node, golang ...), the path lies"
                + " outside the folders such images and their packages fill (/usr, /bin, /etc, /var, /opt ...) and"
                + " has no hidden folder in it, and no COPY, ADD, WORKDIR or RUN of the image's stages (and of the"
                + " stages they copy from) may write it. Quiet when a volume is mounted at the path or above it, when a"
                + " RUN may write there (anything but package installs, user setup and a mkdir of other folders), and"
                + " for paths with variables.",
        problem = "An absolute program path is used as it is: the runtime looks nowhere else. A Kubernetes `command`"
                + " replaces the image's ENTRYPOINT and CMD, so a path written for another image, or before the"
                + " Dockerfile moved the program, names a file the image does not have.",
        impact = "The container runtime cannot start the process (no such file or directory): the container never"
                + " runs, and Kubernetes restarts it again and again (CrashLoopBackOff).",
        recommendation = "Name the path the Dockerfile puts the program at (the one its own CMD or ENTRYPOINT runs),"
                + " or copy the program to the path the command names.",
        references = {"https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/",
                "https://docs.docker.com/reference/dockerfile/#entrypoint"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:bookworm-slim
                        RUN useradd --create-home loggy
                        COPY --chown=loggy:loggy loggy-rs /home/loggy/loggy-rs
                        USER loggy
                        CMD ["/root/loggy-rs", "/data"]
                        """,
                good = """
                        FROM debian:bookworm-slim
                        RUN useradd --create-home loggy
                        COPY --chown=loggy:loggy loggy-rs /home/loggy/loggy-rs
                        USER loggy
                        CMD ["/home/loggy/loggy-rs", "/data"]
                        """,
                alongside = @dev.drydock.core.review.ExampleFile(name = "loggy-rs", content = "binary\n")))
public final class CommandNotInImage implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new LinkedHashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            BuildLink build = image.container().build();
            if (build == null) {
                continue;
            }
            ContainerStart start = ContainerStart.of(image).orElse(null);
            if (start != null && start.execForm() && missing(context, image, start.program())
                    && reported.add(start.spec().instruction().file().path() + "#" + start.spec().instruction().startLine())) {
                reportImage(context, image, start);
            }
            for (KubernetesRuns run : KubernetesRuns.of(context, image)) {
                KubeContainer c = run.container();
                boolean replacesEntrypoint = !c.command().isEmpty();
                List<String> words = replacesEntrypoint ? c.command()
                        : image.stage().config().entrypoint() == null ? c.args() : List.of();
                int line = replacesEntrypoint ? c.commandLine() : c.argsLine();
                if (words.isEmpty() || line <= 0 || mountedOver(c, words.get(0))
                        || !missing(context, image, words.get(0))
                        || !reported.add(run.workload().file() + "#" + line)) {
                    continue;
                }
                reportKubernetes(context, image, run, words, line, replacesEntrypoint);
            }
        }
    }

    /** Whether the program is an absolute path that drydock knows nothing puts into the image. */
    private static boolean missing(ReviewContext context, BuiltImage image, String program) {
        return program.startsWith("/") && ImageFiles.mayHold(context.project(), image.container().build(),
                image.stage(), program).map(held -> !held).orElse(false);
    }

    private void reportImage(ReviewContext context, BuiltImage image, ContainerStart start) {
        CommandSpec spec = start.spec();
        String keyword = spec.instruction().keyword().value().toUpperCase(java.util.Locale.ROOT);
        String program = ContainerPaths.clean(start.program());
        String message = keyword + " on line " + spec.instruction().startLine() + " starts " + program + ", but no"
                + " instruction of the image puts a file there (" + held(image) + "): the container runtime cannot"
                + " start it (no such file or directory) and the container never runs";
        context.finding(this, spec.instruction().file().path(), spec.instruction().span(), message)
                .recommendation(advice(image, program, null))
                .add();
    }

    private void reportKubernetes(ReviewContext context, BuiltImage image, KubernetesRuns run, List<String> words,
            int line, boolean replacesEntrypoint) {
        String program = ContainerPaths.clean(words.get(0));
        String file = run.workload().file();
        var source = context.project().source(file);
        if (source.isEmpty()) {
            return;
        }
        String message = run.describe() + " starts " + program + " (its " + (replacesEntrypoint ? "command, which"
                + " replaces the image's ENTRYPOINT and CMD" : "args, which replace the image's CMD") + "), but no"
                + " instruction of " + image.dockerfile() + ", which builds its image, puts a file there ("
                + held(image) + "): the container runtime cannot start it (no such file or directory), the container"
                + " never runs and Kubernetes restarts it again and again (CrashLoopBackOff)";
        context.finding(this, new Location(file, source.get().lines(line, line)), message)
                .recommendation(advice(image, program, words))
                .add();
    }

    /** {@code debian:bookworm-slim holds files only in its system folders, and no COPY, ADD or RUN writes there}. */
    private static String held(BuiltImage image) {
        String base = image.rootBase() instanceof BaseImage.External external ? external.expanded() : null;
        return (base == null ? "it starts from scratch" : base + " holds files only in its system folders")
                + ", and no COPY, ADD or RUN of its stages writes that path";
    }

    /** Where the image has a file of the program's name, by the paths its own command and its copies name. */
    private static String advice(BuiltImage image, String program, List<String> words) {
        String name = PathNames.fileName(program);
        List<String> found = new ArrayList<>();
        ContainerStart start = ContainerStart.of(image).orElse(null);
        if (start != null && start.program().startsWith("/")
                && PathNames.fileName(start.program()).equals(name) && !ContainerPaths.clean(start.program()).equals(program)) {
            found.add(ContainerPaths.clean(start.program()));
        }
        for (Stage stage : Stages.lineage(image.model(), image.stage())) {
            for (CopyCommand copy : stage.copies()) {
                String dest = copy.containerPath() == null ? null : ContainerPaths.clean(copy.containerPath());
                if (dest != null && dest.startsWith("/") && PathNames.fileName(dest).equals(name)
                        && !found.contains(dest)) {
                    found.add(dest);
                }
            }
        }
        if (found.isEmpty()) {
            return "Name the path " + image.dockerfile() + " puts the program at, or COPY it to " + program + ".";
        }
        String path = found.get(0);
        if (words == null) {
            return "Start " + path + ", where the image has " + name + ".";
        }
        List<String> fixed = new ArrayList<>(words);
        fixed.set(0, path);
        return "Start " + path + ", where " + image.dockerfile() + " puts " + name + ": [" + String.join(", ",
                fixed.stream().map(w -> "\"" + w + "\"").toList()) + "].";
    }

    /** Whether a volume is mounted at the program's path or a folder above it (a ConfigMap's script, a shared tool). */
    private static boolean mountedOver(KubeContainer c, String program) {
        String path = ContainerPaths.clean(program);
        return c.mountPaths().stream().anyMatch(m -> m.startsWith("/") && PathNames.isUnder(path, ContainerPaths.clean(m)));
    }
}
