package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ContextFileUses;
import dev.drydock.core.rules.support.DatabaseInitScripts;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.StartScriptPaths;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "script-windows-line-endings",
        title = "A script the container or the build runs has Windows line endings",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The project's shell scripts a container of an image built here starts with (its entry-point"
                + " script, the scripts that passes the command through, the script that starts the program, and the"
                + " scripts the nginx image's entrypoint runs from /docker-entrypoint.d), the *.sh files compose services"
                + " of the postgres, mysql, mariadb and mongo images bind-mount into /docker-entrypoint-initdb.d, and"
                + " the context files a RUN runs (./mvnw, scripts/install.sh, a name COPY put in PATH) or gives a shell"
                + " to read (sh ./setup.sh), the file a COPY put there, through COPY --from too."
                + " Fires when the file as it is in the project (which the build copies as it is) ends its lines with"
                + " CR LF, as a checkout on Windows with git's core.autocrlf or an editor set to Windows line endings"
                + " leaves it. Quiet when a RUN of the image's stages (before the RUN that runs it) converts it"
                + " (dos2unix, or sed or tr removing the carriage returns).",
        problem = "Linux reads the carriage return as part of each line: the #! line names `/bin/sh\\r`, which does"
                + " not exist, and a shell that reads the script anyway gets `\\r` at the end of every command and"
                + " argument (set -e\\r, exec \"$@\"\\r).",
        impact = "Every container of the image fails to start: 'exec /docker-entrypoint.sh: no such file or"
                + " directory' (the file is there; its interpreter is not), or errors such as 'set: Illegal option -'"
                + " from sh; a script a RUN runs fails the build ('./mvnw: not found', '/bin/sh^M: bad interpreter')."
                + " It works on the machine where the file was written with LF endings and breaks in a checkout made"
                + " on Windows.",
        recommendation = "Save the script with LF line endings (dos2unix FILE, or your editor's line-ending setting)"
                + " and make git keep them on every checkout: `*.sh text eol=lf` in .gitattributes.",
        references = {"https://git-scm.com/docs/gitattributes#_eol",
                "https://docs.docker.com/reference/dockerfile/#entrypoint"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
                        COPY . .
                        USER 1000
                        ENTRYPOINT ["docker-entrypoint.sh"]
                        CMD ["python", "app.py"]
                        """,
                good = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
                        RUN sed -i 's/\\r$//' /usr/local/bin/docker-entrypoint.sh
                        COPY . .
                        USER 1000
                        ENTRYPOINT ["docker-entrypoint.sh"]
                        CMD ["python", "app.py"]
                        """,
                alongside = {
                        @ExampleFile(name = "docker-entrypoint.sh",
                                content = "#!/bin/sh\r\nset -e\r\nexec \"$@\"\r\n"),
                        @ExampleFile(name = "app.py", content = "print('ready')\n")}))
public final class ScriptWindowsLineEndings implements Rule {

    private static final Pattern CONVERTS = Pattern.compile("dos2unix|fromdos|\\\\r|\\\\015");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            if (c.build() == null || c.build().model() == null) {
                continue;
            }
            List<Stage> lineage = Stages.lineage(c.build().model(), c.build().stage());
            for (String path : StartScriptPaths.of(c)) {
                Optional<SourceFile> found = c.scripts().find(path);
                if (found.isPresent() && found.get().text().contains("\r\n")
                        && !converted(lineage, PathNames.fileName(path), Integer.MAX_VALUE)
                        && reported.add(found.get().path())) {
                    boolean hook = PathNames.parent(path).equals(StartScriptPaths.NGINX_HOOKS);
                    report(context, found.get(), path + " in the image, run when the container starts", true,
                            hook ? "'" + path + ": not found' from nginx's /docker-entrypoint.sh"
                                    : "'exec " + path + ": no such file or directory'",
                            "every container fails to start");
                }
            }
        }
        for (DatabaseInitScripts.Script init : DatabaseInitScripts.of(context)) {
            SourceFile file = init.file();
            if (file.text().contains("\r\n") && reported.add(file.path())) {
                String service = init.container().name();
                report(context, file, init.containerPath() + " in " + service + ", which the " + init.store()
                                + " image's entrypoint " + (init.executed() ? "runs" : "sources") + " when it"
                                + " initializes an empty data directory", init.executed(),
                        "bash's 'bad interpreter: No such file or directory'",
                        "the first start of " + service + " stops (and the data directory it leaves is taken as"
                                + " initialized at the next start, which skips the init scripts)",
                        "which the bind mount passes on as they are");
            }
        }
        for (BuiltImage image : BuiltImage.of(context)) {
            BuildLink build = image.container().build();
            List<BuildContexts.ContextCopy> copies = BuildContexts.copies(build);
            for (ContextFileUses.Use use : ContextFileUses.runs(BuildRuns.of(image), true)) {
                ContextFileUses.Copied copied = ContextFileUses.copied(context, image, build, copies, use);
                Optional<SourceFile> found = copied == null ? Optional.empty()
                        : context.project().source(copied.projectPath());
                if (found.isEmpty() || !found.get().text().contains("\r\n")
                        || converted(Stages.lineage(image.model(), use.stage()), PathNames.fileName(use.path()), use.at())
                        || !reported.add(found.get().path())) {
                    continue;
                }
                int line = image.model().syntax().file().position(use.at()).line();
                report(context, found.get(), (use.interpreted() ? "read by a shell in" : "run by") + " the RUN on line "
                        + line + " of " + image.dockerfile(), !use.interpreted(),
                        "'" + use.written() + ": not found' (bash says: bad interpreter)", "the RUN fails the build");
            }
        }
    }

    private void report(ReviewContext context, SourceFile file, String role, boolean executed, String notFound,
            String failure) {
        report(context, file, role, executed, notFound, failure, "which the build copies as they are");
    }

    private void report(ReviewContext context, SourceFile file, String role, boolean executed, String notFound,
            String failure, String carried) {
        String text = file.text();
        boolean shebang = Shebang.of(text).isPresent();
        long lines = text.lines().count();
        long crlf = text.chars().filter(ch -> ch == '\r').count();
        String first = text.substring(0, Math.max(0, text.indexOf('\r')));
        String effect = executed && shebang && text.indexOf('\r') < text.indexOf('\n')
                ? "its #! line reads `" + first + "\\r` to Linux, an interpreter that does not exist, so " + failure
                        + " with " + notFound
                : "the shell that runs it gets `\\r` at the end of every command and argument, so " + failure
                        + " at its first command";
        context.finding(this, new Location(file.path(), file.lines(1, 1)), file.path() + " (" + role + ") ends "
                        + (crlf >= lines ? "its lines" : crlf + " of its " + lines + " lines") + " with CR LF (Windows"
                        + " line endings), " + carried + ": " + effect)
                .recommendation("Convert " + file.path() + " to LF line endings (dos2unix " + file.path()
                        + ") and add `" + (file.path().endsWith(".sh") ? "*.sh" : PathNames.fileName(file.path()))
                        + " text eol=lf` to .gitattributes, so that a checkout on Windows keeps them.")
                .fix(Fix.of("convert " + file.path() + " to LF line endings", FixSafety.SAFE, carriageReturns(file)))
                .add();
    }

    /** One deletion per carriage return that ends a line: the text between them stays as it is. */
    private static List<TextEdit> carriageReturns(SourceFile file) {
        String text = file.text();
        List<TextEdit> edits = new ArrayList<>();
        for (int i = text.indexOf("\r\n"); i >= 0; i = text.indexOf("\r\n", i + 2)) {
            edits.add(TextEdit.delete(file.path(), i, i + 1));
        }
        return edits;
    }

    /** Whether a RUN of these stages, up to offset {@code until}, converts the line endings of the file so named. */
    private static boolean converted(List<Stage> stages, String name, int until) {
        for (Stage stage : stages) {
            for (Step step : stage.steps()) {
                String text = step.instruction().rawText();
                if (step.instruction().kind() == InstructionKind.RUN && step.instruction().span().start() <= until
                        && CONVERTS.matcher(text).find()
                        && (text.contains(name) || text.contains("*") || text.contains("find "))) {
                    return true;
                }
            }
        }
        return false;
    }
}
