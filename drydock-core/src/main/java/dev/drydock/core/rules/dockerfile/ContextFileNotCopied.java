package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "context-file-not-copied",
        title = "A script or manifest the build or the container uses is in the build context but never copied in",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Paths to a script (a name ending in .sh, .bash, .py, .rb, .js or .pl, or named like an entry point:"
                + " entrypoint, docker-entrypoint, start, run, boot, init) that a RUN changes or runs (chmod, chown,"
                + " sh, bash, source, the path as the program) or that ENTRYPOINT or CMD runs, where the build context"
                + " holds a file of that name that no COPY or ADD of the stage and the stages it is built on puts"
                + " into the image before it is used (for ENTRYPOINT and CMD anywhere in the stage: they take effect"
                + " when the container starts, after the last instruction). Also the manifests Python dependency installs stop without: the"
                + " requirements file of pip install -r (uv pip install -r), and the pyproject.toml of poetry install,"
                + " poetry sync and uv sync, in the folder the install runs in. Left alone: a stage that copies something from another stage"
                + " or image to that folder or under that name, a RUN that writes the file (any other mention of its"
                + " name), a RUN with a bind mount (--mount=type=bind), a file the .dockerignore leaves out, and the entry-point scripts official base images ship"
                + " (docker-entrypoint.sh, docker-php-entrypoint).",
        problem = "The file is in the project but not in the image: a COPY was forgotten, copies another folder, or"
                + " comes after the RUN that needs it. The RUN fails the build with 'No such file or directory' (pip:"
                + " 'Could not open requirements file', Poetry: 'could not find a pyproject.toml file'), or the container"
                + " fails to start with 'exec: ...: no such file or directory'.",
        impact = "The image does not build, or every container of it exits at once: the project cannot be deployed"
                + " from this Dockerfile.",
        recommendation = "COPY the file from the build context to the path the Dockerfile uses, before the RUN that"
                + " uses it (COPY --chmod=755 sets a script's mode in the same step, without a chmod layer); a manifest"
                + " can also be bind-mounted into the install's RUN (--mount=type=bind,source=requirements.txt,"
                + "target=requirements.txt).",
        references = {"https://docs.docker.com/reference/dockerfile/#copy",
                "https://docs.docker.com/build/concepts/context/"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM ruby:3.3.6-slim
                        WORKDIR /app
                        COPY Gemfile Gemfile.lock ./
                        RUN bundle install
                        RUN chmod +x /usr/bin/entrypoint.sh
                        ENTRYPOINT ["entrypoint.sh"]
                        CMD ["rails", "server", "-b", "0.0.0.0"]
                        """,
                good = """
                        FROM ruby:3.3.6-slim
                        WORKDIR /app
                        COPY Gemfile Gemfile.lock ./
                        RUN bundle install
                        COPY --chmod=755 entrypoint.sh /usr/bin/entrypoint.sh
                        ENTRYPOINT ["entrypoint.sh"]
                        CMD ["rails", "server", "-b", "0.0.0.0"]
                        """,
                alongside = @ExampleFile(name = "entrypoint.sh", content = "#!/bin/sh\nset -e\nexec \"$@\"\n")))
public final class ContextFileNotCopied implements Rule {

    private static final Set<String> SCRIPT_EXTENSIONS = Set.of("sh", "bash", "py", "rb", "js", "pl");
    private static final Set<String> ENTRY_NAMES = Set.of("entrypoint", "docker-entrypoint", "start", "run", "boot",
            "init");
    private static final Set<String> BASE_IMAGE_SCRIPTS = Set.of("docker-entrypoint.sh", "docker-php-entrypoint");
    private static final Set<String> USING = Set.of("chmod", "chown", "chgrp", "sh", "bash", "dash", "ash", "source",
            ".", "exec");

    /**
     * One use of a path in the image: where it is written and what uses it; for a manifest an install reads, the
     * error the install stops with and the files of the project it reads (the manifest first).
     */
    private record Use(String path, String written, Stage stage, int offset, Span span, String what, String failure,
            List<String> manifests) {

        Use(String path, String written, Stage stage, int offset, Span span, String what) {
            this(path, written, stage, offset, span, what, null, List.of());
        }

        boolean manifest() {
            return failure != null;
        }

        /**
         * Up to where in the Dockerfile a COPY or ADD still provides the file: a RUN needs it before it runs, while
         * ENTRYPOINT and CMD only take effect when the container starts, after every instruction of the stage.
         */
        int neededBy() {
            return what.startsWith("RUN") ? offset : Integer.MAX_VALUE;
        }
    }

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            BuildLink build = image.container().build();
            List<ContextCopy> copies = BuildContexts.copies(build);
            List<BuildRuns.StageRun> runs = BuildRuns.of(image);
            for (Use use : uses(image, runs)) {
                String name = PathNames.fileName(use.path());
                if (!use.manifest() && (!scriptName(name) || BASE_IMAGE_SCRIPTS.contains(name))) {
                    continue;
                }
                List<String> inContext = contextFiles(context, build, name);
                if (inContext.isEmpty() || provided(context, image, build, copies, runs, use, inContext)
                        || !reported.add(build.dockerfile() + "#" + name)) {
                    continue;
                }
                String file = inContext.get(0);
                int line = image.model().syntax().file().position(use.offset()).line();
                String failure = use.manifest() ? use.failure() : use.what().startsWith("RUN")
                        ? "'No such file or directory'" : null;
                context.finding(this, build.dockerfile(), use.span(), use.what() + " " + use.written() + ", but no COPY"
                                + " or ADD puts " + name + " into the image" + (use.manifest() ? " before it" : "")
                                + ": the build context has it (" + file + ") and " + (failure != null
                                ? "the RUN fails the build with " + failure
                                : "the container fails to start with 'no such file or directory'"))
                        .recommendation(use.manifest() ? manifestCopy(context, build, use, file) + " before line " + line
                                        + ", so that the RUN finds it (or bind-mount it into that RUN with --mount=type=bind,"
                                        + "source=" + BuildContexts.inContext(build, file) + ",target=" + use.path() + ")."
                                : "COPY --chmod=755 " + BuildContexts.inContext(build, file) + " " + target(use)
                                        + " before line " + line + ".")
                        .add();
            }
        }
    }

    /**
     * The COPY that brings a manifest in: the file to the path the install reads, with the other files of the
     * install the context holds beside it (pyproject.toml and poetry.lock to /app/).
     */
    private static String manifestCopy(ReviewContext context, BuildLink build, Use use, String file) {
        List<String> sources = new ArrayList<>();
        sources.add(BuildContexts.inContext(build, file));
        String folder = PathNames.parent(file);
        for (String other : use.manifests().subList(1, use.manifests().size())) {
            String sibling = folder.isEmpty() ? other : folder + "/" + other;
            if (context.project().layout().entries().stream().anyMatch(e -> e.path().equals(sibling))) {
                sources.add(BuildContexts.inContext(build, sibling));
            }
        }
        String target = sources.size() == 1 ? use.path() : ContainerPaths.clean(PathNames.parent(use.path())) + "/";
        return "COPY " + String.join(" ", sources) + " " + target;
    }

    /** Where the COPY should put the script: the path used, or a folder on PATH for a bare program name. */
    private static String target(Use use) {
        return use.path().startsWith("$PATH/") ? "/usr/local/bin/" + use.written() : use.path();
    }

    private static boolean scriptName(String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return dot > 0 && SCRIPT_EXTENSIONS.contains(name.substring(dot + 1)) || ENTRY_NAMES.contains(stem);
    }

    /** The paths a RUN uses as a script and those ENTRYPOINT or CMD run, in build order. */
    private static List<Use> uses(BuiltImage image, List<BuildRuns.StageRun> runs) {
        List<Use> out = new ArrayList<>();
        for (BuildRuns.StageRun run : runs) {
            RunStep step = run.run();
            int at = step.spec().instruction().span().start();
            out.addAll(manifestUses(run));
            for (Call call : step.calls()) {
                String directory = step.directoryAt(call);
                if (call.program() != null && isPath(call.program().value(), directory)) {
                    out.add(new Use(resolve(directory, call.program().value()), call.program().value(), run.stage(), at,
                            call.program().span(), "RUN runs"));
                }
                if (!call.is(USING.toArray(String[]::new))) {
                    continue;
                }
                for (Call.Arg arg : call.args()) {
                    if (arg.literal() && !arg.value().startsWith("-") && isPath(arg.value(), directory)) {
                        out.add(new Use(resolve(directory, arg.value()), arg.value(), run.stage(), at, arg.span(),
                                "RUN " + call.name() + " uses"));
                    }
                }
            }
        }
        Stage stage = image.stage();
        for (CommandSpec spec : new CommandSpec[] {stage.config().entrypoint(), stage.config().cmd()}) {
            if (spec == null || !spec.execForm() || spec.arguments().isEmpty()) {
                continue;
            }
            String program = spec.arguments().get(0);
            String workdir = stage.config().workdir() == null ? "/" : stage.config().workdir().value();
            String path = program.contains("/") ? resolve(workdir, program) : "$PATH/" + program;
            out.add(new Use(path, program, stage, spec.instruction().span().start(), spec.instruction().span(),
                    spec.instruction().kind() + " runs"));
        }
        return out;
    }

    /**
     * The manifests a Python dependency install of the RUN reads, which it stops without: the requirement files of
     * pip install -r and uv pip install -r (at the word that names each), and the pyproject.toml that poetry install,
     * poetry sync and uv sync read in their folder (at the tool's name). Left alone: files named by a variable or an
     * address, and installs whose folder drydock cannot tell.
     */
    private static List<Use> manifestUses(BuildRuns.StageRun run) {
        List<Use> out = new ArrayList<>();
        RunStep step = run.run();
        int at = step.spec().instruction().span().start();
        for (DependencyInstalls.Install install : DependencyInstalls.of(step)) {
            String directory = DependencyInstalls.directory(step, install);
            if (directory == null) {
                continue;
            }
            String text = install.text();
            if (text.startsWith("pip install -r") || text.startsWith("uv pip ")) {
                Call call = text.startsWith("pip") ? PipCommands.install(install.call()).orElseThrow().call() : install.call();
                for (Call.Arg arg : requirementArgs(call)) {
                    String tool = text.startsWith("pip") ? "pip" : "uv pip";
                    out.add(new Use(resolve(directory, arg.value()), arg.value(), run.stage(), at, arg.span(),
                            "RUN " + tool + " install -r reads", "'Could not open requirements file: [Errno 2] No such"
                                    + " file or directory: " + arg.value() + "'", List.of(PathNames.fileName(arg.value()))));
                }
            } else if (text.equals("poetry install") || text.equals("poetry sync") || text.equals("uv sync")) {
                String failure = text.startsWith("poetry") ? "'Poetry could not find a pyproject.toml file in "
                        + directory + " or its parents'" : "'No pyproject.toml found in current directory or any"
                        + " parent directory'";
                out.add(new Use(resolve(directory, "pyproject.toml"), "pyproject.toml in " + directory, run.stage(), at,
                        install.call().program().span(), "RUN " + text + " reads", failure, install.manifests()));
            }
        }
        return out;
    }

    /** The words that name a requirements file (-r FILE, -rFILE, --requirement FILE, --requirement=FILE), as spans of the file. */
    private static List<Call.Arg> requirementArgs(Call call) {
        List<Call.Arg> out = new ArrayList<>();
        List<Call.Arg> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            Call.Arg arg = args.get(i);
            String v = arg.value();
            Call.Arg file = null;
            if ((v.equals("-r") || v.equals("--requirement")) && i + 1 < args.size()) {
                file = args.get(++i);
            } else if (v.startsWith("--requirement=") || v.startsWith("-r") && v.length() > 2 && !v.startsWith("-r=")) {
                int cut = v.startsWith("--") ? "--requirement=".length() : 2;
                Span s = arg.span();
                boolean plain = s.end() - s.start() == v.length() && s.startLine() == s.endLine();
                Span inner = plain ? new Span(s.start() + cut, s.end(), s.startLine(), s.startColumn() + cut, s.endLine(),
                        s.endColumn()) : s;
                file = new Call.Arg(v.substring(cut), inner, arg.literal());
            }
            if (file != null && file.literal() && !file.value().isEmpty() && !file.value().contains("$")
                    && !file.value().contains("*") && !file.value().contains("://") && !file.value().startsWith("~")) {
                out.add(file);
            }
        }
        return out;
    }

    /** An absolute path, or a ./relative one where the folder it is relative to is known (null after an untold cd). */
    private static boolean isPath(String word, String directory) {
        return !word.contains("$") && !word.contains("*") && (word.startsWith("/") || word.startsWith("./") && directory != null);
    }

    private static String resolve(String workdir, String path) {
        return ContainerPaths.clean(PathNames.normalizeAbsolute(workdir == null ? "/" : workdir, path));
    }

    /** The project files of that name in the build context that its ignore file lets in. */
    private static List<String> contextFiles(ReviewContext context, BuildLink build, String name) {
        List<String> out = new ArrayList<>();
        for (ProjectEntry entry : context.project().layout().entries()) {
            if (entry.name().equals(name) && PathNames.isUnder(entry.path(), build.context())
                    && build.ignore().includes(BuildContexts.inContext(build, entry.path()))) {
                out.add(entry.path());
            }
        }
        return out;
    }

    /** Whether something may put the file there before the use: a copy from the context, a stage, an image or a RUN. */
    private static boolean provided(ReviewContext context, BuiltImage image, BuildLink build, List<ContextCopy> copies,
            List<BuildRuns.StageRun> runs, Use use, List<String> inContext) {
        List<Stage> lineage = Stages.lineage(image.model(), use.stage());
        BaseImage root = Stages.rootBase(image.model(), use.stage());
        if (!(root instanceof BaseImage.External || root instanceof BaseImage.Scratch)) {
            return true;
        }
        for (ContextCopy copy : copies) {
            if (!lineage.contains(copy.stage()) || copy.copy().instruction().span().start() > use.neededBy()) {
                continue;
            }
            for (String file : inContext) {
                if (!BuildContexts.landing(context.project(), build, copy, BuildContexts.inContext(build, file)).isEmpty()) {
                    return true;
                }
            }
        }
        String name = PathNames.fileName(use.path());
        String folder = use.path().startsWith("$PATH/") ? null : PathNames.parent(use.path());
        for (Stage stage : lineage) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromContext() || copy.instruction().span().start() > use.neededBy()) {
                    continue;
                }
                String dest = copy.containerPath() == null ? null : ContainerPaths.clean(copy.containerPath());
                boolean named = copy.sources().stream().anyMatch(s -> s.endsWith(name) || s.contains("*"));
                if (named || dest == null || folder == null || PathNames.isUnder(folder, dest)
                        || dest.equals(use.path())) {
                    return true;
                }
            }
        }
        for (BuildRuns.StageRun run : runs) {
            if (!lineage.contains(run.stage())) {
                continue;
            }
            boolean self = run.run().spec().instruction().span().start() == use.offset();
            if (self && run.run().mounts().stream().anyMatch(m -> m.type().equals("bind"))) {
                return true;
            }
            String text = run.run().spec().instruction().logicalText().text();
            int first = text.indexOf(name);
            if (first >= 0 && (!self || text.indexOf(name, first + 1) >= 0)) {
                return true;
            }
        }
        return false;
    }
}
