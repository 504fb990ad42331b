package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.FileMode;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ContextFileUses.Copied;
import dev.drydock.core.rules.support.ContextFileUses.Use;
import dev.drydock.core.rules.support.ContextFileUses;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StartScriptPaths;
import dev.drydock.core.shell.Shebang;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "script-not-executable",
        title = "A file from the build context is run as a program but has no execute permission",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "A RUN whose program is a path (./mvnw, ./gradlew, scripts/build.sh, /app/setup.sh) or an ENTRYPOINT"
                + " or CMD (when no ENTRYPOINT is set, or one that is only an init process such as [\"tini\", \"--\"])"
                + " that starts one, or a bare program name found in a folder of"
                + " PATH (the image's ENV PATH, then the default folders) where a COPY put it"
                + " (COPY docker-entrypoint.sh /usr/local/bin/ with ENTRYPOINT [\"docker-entrypoint.sh\"]), or a"
                + " script copied into /docker-entrypoint.d of an nginx image that runs its entrypoint (which skips"
                + " one without an execute bit: medium); fires when"
                + " that path is a file a COPY or ADD of"
                + " the stage, or of the stages it is built on, brings from the build context (after the"
                + " .dockerignore, through the copy's destination and WORKDIR), and the file as checked out has no"
                + " execute bit at all (mode 644). Quiet when the COPY sets --chmod with an execute bit (or a mode"
                + " drydock cannot read), when a chmod in a RUN before the use gives the file, its folder"
                + " recursively, a glob or a variable path an execute bit (also find ... -exec chmod and xargs"
                + " chmod; for a file a COPY --from brings, in the builder stage before that copy or in the stage"
                + " that runs it after the copy), when a later COPY from a stage or image may replace the file, when a cd in the same RUN"
                + " moves the relative path elsewhere, and whenever the mode cannot be read: Windows file systems"
                + " keep no POSIX modes. Running the file through its interpreter (sh ./x.sh, bash mvnw, python"
                + " x.py) needs no execute bit and is never reported.",
        problem = "COPY and ADD keep a file's mode from the build context: a script checked in without its execute"
                + " bit (git mode 100644, common for mvnw and gradlew added from Windows or by a zip download) is"
                + " copied as 644, and the kernel refuses to run a file with no execute bit, even for root.",
        impact = "The RUN fails the build with 'Permission denied' (./mvnw: Permission denied, exit code 126), or"
                + " every container of the image fails to start ('exec ./docker-entrypoint.sh: permission"
                + " denied'; for a name looked up in PATH, 'executable file not found in $PATH'): the image cannot be"
                + " built or deployed from a fresh checkout.",
        recommendation = "Record the execute bit in git (git update-index --chmod=+x mvnw, then commit), so every"
                + " checkout has it; or set it while copying (COPY --chmod=755 mvnw ./); or run the file through"
                + " its interpreter (sh ./mvnw package).",
        references = {"https://docs.docker.com/reference/dockerfile/#copy---chmod",
                "https://git-scm.com/docs/git-update-index#Documentation/git-update-index.txt---chmod-x"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jdk
                        WORKDIR /src
                        COPY mvnw pom.xml ./
                        COPY .mvn .mvn
                        RUN ./mvnw -B dependency:go-offline
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jdk
                        WORKDIR /src
                        COPY --chmod=755 mvnw ./
                        COPY pom.xml ./
                        COPY .mvn .mvn
                        RUN ./mvnw -B dependency:go-offline
                        """,
                alongside = @ExampleFile(name = "mvnw", content = "#!/bin/sh\nexec mvn \"$@\"\n")))
public final class ScriptNotExecutable implements Rule {

    private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
    private static final Pattern SYMBOLIC_X = Pattern.compile("[ugoa]*[+=][rwxXst]*x[rwxXst]*");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            BuildLink build = image.container().build();
            List<ContextCopy> copies = BuildContexts.copies(build);
            List<BuildRuns.StageRun> runs = BuildRuns.of(image);
            List<Use> uses = new ArrayList<>(ContextFileUses.runs(runs, false));
            uses.addAll(ContextFileUses.start(image));
            Set<String> hooks = new HashSet<>(StartScriptPaths.nginxHooks(image.container()));
            hooks.forEach(hook -> uses.add(new Use(hook, hook, image.stage(), Integer.MAX_VALUE,
                    image.stage().from().span(), null, false)));
            for (Use use : uses) {
                Copied copied = ContextFileUses.copied(context, image, build, copies, use);
                Optional<FileMode> mode = copied == null || copied.through() != null && copied.through().chmod() != null
                        ? Optional.empty() : mode(context, copied.copy().copy(), copied.projectPath());
                if (mode.isEmpty() || mode.get().executable()
                        || chmodBefore(image, runs, copied.origin(), copied.copy().copy())
                        || copied.through() != null && chmodBefore(image, runs, use, copied.through())
                        || !reported.add(image.dockerfile() + "#" + use.span().start())) {
                    continue;
                }
                if (hooks.contains(use.path()) && use.run() == null) {
                    reportHook(context, image, build, use, copied, mode.get());
                    continue;
                }
                int line = image.model().syntax().file().position(use.at()).line();
                String interpreter = interpreter(context, copied.projectPath(), image, use);
                context.finding(this, image.dockerfile(), use.span(), message(image, use, copied, mode.get(), line)
                                + ciChmod(context, copied.projectPath()))
                        .recommendation(recommendation(build, use, copied, interpreter))
                        .fix(fix(image, build, copied))
                        .add();
            }
        }
    }

    /** A hook of the nginx image's entrypoint without an execute bit: skipped at every start, not run. */
    private void reportHook(ReviewContext context, BuiltImage image, BuildLink build, Use use, Copied copied,
            FileMode mode) {
        context.finding(this, image.dockerfile(), copied.copy().copy().instruction().span(), copied.copy().text()
                        + " (line " + copied.copy().line() + ") puts " + copied.projectPath() + " in the image as "
                        + use.path() + " with mode " + mode.octal() + ", and nginx's entrypoint runs only the"
                        + " executable scripts of " + StartScriptPaths.NGINX_HOOKS + ": at every start it logs 'Ignoring "
                        + use.path() + ", not executable' and nginx starts without what the script sets up"
                        + ciChmod(context, copied.projectPath()))
                .severity(Severity.MEDIUM)
                .recommendation(recommendation(build, use, copied, null))
                .fix(fix(image, build, copied))
                .add();
    }

    private static String message(BuiltImage image, Use use, Copied copied, FileMode mode, int line) {
        String how = copied.copy().copy().chmod() != null
                ? "COPY --chmod=" + copied.copy().copy().chmod() + " on line " + copied.copy().line() + " gives it mode "
                        + mode.octal()
                : "it has mode " + mode.octal() + " in the project, which " + copied.copy().text()
                        + " (line " + copied.copy().line() + ") keeps";
        String effect = use.searched() ? (use.run() != null
                ? "the shell's PATH search skips it, and the RUN fails the build with '" + use.written() + ": not found'"
                : "the PATH search skips it, and the container fails to start ('exec: \"" + use.written()
                        + "\": executable file not found in $PATH')")
                : use.run() != null
                ? "the RUN fails the build with '" + use.written() + ": Permission denied'"
                : "the container fails to start ('exec " + use.written() + ": permission denied')";
        String carried = copied.through() == null ? "" : " (COPY --from=" + copied.through().from() + " on line "
                + copied.through().instruction().startLine() + " keeps the mode)";
        return (use.run() != null ? "RUN" : "The container's command") + " on line " + line + " runs " + use.written()
                + (use.searched() ? " (" + use.path() + ")" : "") + ", copied from " + copied.projectPath() + ", but " + how
                + carried + ", with no execute bit: " + effect;
    }

    private static String recommendation(BuildLink build, Use use, Copied copied, String interpreter) {
        String file = copied.projectPath();
        String git = PathNames.parent(file).isEmpty() ? PathNames.fileName(file) : file;
        CopyCommand copy = copied.copy().copy();
        String inCopy = copy.chmod() != null ? "set --chmod=755 on the COPY on line " + copied.copy().line()
                : alone(build, copied) ? "add --chmod=755 to the COPY on line " + copied.copy().line()
                : "copy it on its own after line " + copied.copy().line() + ": COPY --chmod=755 "
                        + BuildContexts.inContext(build, file) + " " + copied.origin().path();
        String program = use.searched() ? use.path() : use.written();
        String through = interpreter == null ? "" : "; or run it through its interpreter"
                + (use.run() != null ? " (" + interpreter + " " + program + ")" : " ([\"" + interpreter + "\", \""
                        + program + "\"])");
        return (copy.chmod() != null ? "" : "Record the execute bit in git: git update-index --chmod=+x " + git
                + ", and commit (every checkout then has it); or ") + inCopy + through + ".";
    }

    /** Whether the copy takes this one file alone, so --chmod on it changes nothing else. */
    private static boolean alone(BuildLink build, Copied copied) {
        List<String> sources = copied.copy().sources();
        return sources.size() == 1 && copied.copy().copy().heredocs().isEmpty()
                && copied.projectPath().equals(PathNames.normalizeRelative(BuildContexts.inProject(build, sources.get(0))));
    }

    /** {@code --chmod=755} on a COPY that takes just the file and sets no mode. */
    private static Fix fix(BuiltImage image, BuildLink build, Copied copied) {
        CopyCommand copy = copied.copy().copy();
        if (copy.chmod() != null || !alone(build, copied)) {
            return null;
        }
        return Fix.of("Copy " + copied.projectPath() + " with mode 755", FixSafety.SAFE,
                TextEdit.insert(image.dockerfile(), copy.instruction().keyword().span().end(), " --chmod=755"));
    }

    /**
     * A note when a CI file of the project runs chmod on the file before building (a common way around the missing
     * bit): the build passes there, and fails from a fresh checkout or on any other builder.
     */
    private static String ciChmod(ReviewContext context, String projectPath) {
        Pattern chmod = Pattern.compile("chmod\\s+(?:[ugoa]*\\+x|[0-7]*[1357][0-7]{2})\\s+(?:\\./)?"
                + Pattern.quote(projectPath) + "(?![\\w./-])");
        for (ProjectEntry ci : context.project().layout().ciFiles()) {
            Optional<String> text = context.project().source(ci.path()).map(f -> f.text());
            if (text.isPresent() && chmod.matcher(text.get()).find()) {
                return " (" + ci.path() + " runs chmod on it before building, so the build passes there, but not from"
                        + " a fresh checkout or on any other builder)";
            }
        }
        return "";
    }

    /**
     * The program named by the file's #! line (sh, bash, python3), or null when it has none, cannot be read, or is
     * known to be missing from the stage that runs the file (distroless has no bash to run it through).
     */
    private static String interpreter(ReviewContext context, String projectPath, BuiltImage image, Use use) {
        Optional<BaseImageFacts.ImageTools> tools = InferredImageTools.of(image.model(), use.stage());
        return context.project().source(projectPath).flatMap(file -> Shebang.of(file.text()))
                .map(Shebang::interpreter).filter(name -> !name.isEmpty())
                .filter(name -> tools.isEmpty() || !BaseImageFacts.ASKED.contains(name) || tools.get().has(name))
                .orElse(null);
    }

    private static String resolve(String workdir, String path) {
        return ContainerPaths.clean(PathNames.normalizeAbsolute(workdir == null ? "/" : workdir, path));
    }

    /** The mode the copy gives the file: its --chmod when octal, else the checkout's; empty when not known. */
    private static Optional<FileMode> mode(ReviewContext context, CopyCommand copy, String projectPath) {
        if (copy.chmod() != null) {
            return OCTAL.matcher(copy.chmod()).matches()
                    ? Optional.of(new FileMode(Integer.parseInt(copy.chmod(), 8))) : Optional.empty();
        }
        return context.project().files().mode(projectPath);
    }

    /**
     * Whether a RUN of the use's stage between the copy that put the file there (from the context, or from another
     * stage) and the use (the same RUN, before the call) may give the file an execute bit.
     */
    private static boolean chmodBefore(BuiltImage image, List<BuildRuns.StageRun> runs, Use use, CopyCommand copy) {
        List<Stage> lineage = Stages.lineage(image.model(), use.stage());
        int from = copy.instruction().span().start();
        String name = PathNames.fileName(use.path());
        for (BuildRuns.StageRun stageRun : runs) {
            RunStep run = stageRun.run();
            int start = run.instruction().span().start();
            if (!lineage.contains(stageRun.stage()) || start < from || start > use.at()) {
                continue;
            }
            String text = run.text();
            if (text.contains("chmod") && (text.contains("find ") || text.contains("xargs"))) {
                return true;
            }
            for (Call call : run.calls("chmod")) {
                if (call.span().start() < use.at() && addsExecute(run, call, use.path(), name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean addsExecute(RunStep run, Call call, String path, String name) {
        List<Call.Arg> operands = call.options().operands();
        if (operands.size() < 2) {
            return false;
        }
        String mode = operands.get(0).value();
        boolean execute = OCTAL.matcher(mode).matches() ? new FileMode(Integer.parseInt(mode, 8)).executable()
                : !operands.get(0).literal() || List.of(mode.split(",")).stream().anyMatch(m -> SYMBOLIC_X.matcher(m).matches());
        if (!execute) {
            return false;
        }
        boolean recursive = call.options().has("-R", "--recursive");
        for (Call.Arg target : operands.subList(1, operands.size())) {
            String value = target.value();
            if (!target.literal() || value.contains("*") || value.contains("?") || PathNames.fileName(value).equals(name)) {
                return true;
            }
            String resolved = resolve(run.workdir(), value);
            if (resolved.equals(path) || recursive && PathNames.isUnder(path, resolved)) {
                return true;
            }
        }
        return false;
    }
}
