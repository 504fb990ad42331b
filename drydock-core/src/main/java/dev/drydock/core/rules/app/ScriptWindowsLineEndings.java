package dev.drydock.core.rules.app;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Stages;
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
        title = "A start script has Windows line endings",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The project's shell scripts a container of an image built here starts with: its entry-point"
                + " script, the scripts that passes the command through, and the script that starts the program."
                + " Fires when the file as it is in the project (which the build copies as it is) ends its lines with"
                + " CR LF, as a checkout on Windows with git's core.autocrlf or an editor set to Windows line endings"
                + " leaves it. Quiet when a RUN of the image's stages converts it (dos2unix, or sed or tr removing"
                + " the carriage returns).",
        problem = "Linux reads the carriage return as part of each line: the #! line names `/bin/sh\\r`, which does"
                + " not exist, and a shell that reads the script anyway gets `\\r` at the end of every command and"
                + " argument (set -e\\r, exec \"$@\"\\r).",
        impact = "Every container of the image fails to start: 'exec /docker-entrypoint.sh: no such file or"
                + " directory' (the file is there; its interpreter is not), or errors such as 'set: Illegal option -'"
                + " from sh. It works on the machine where the file was written with LF endings and breaks in a"
                + " checkout made on Windows.",
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
            EntryPoint ep = c.entryPoint();
            if (c.build() == null || c.build().model() == null || ep == null) {
                continue;
            }
            List<String> paths = ep.startScripts();
            for (String path : paths) {
                Optional<SourceFile> found = c.scripts().find(path);
                if (found.isEmpty() || !found.get().text().contains("\r\n") || converted(c, path)
                        || !reported.add(found.get().path())) {
                    continue;
                }
                SourceFile file = found.get();
                String text = file.text();
                boolean shebang = Shebang.of(text).isPresent();
                long lines = text.lines().count();
                long crlf = text.chars().filter(ch -> ch == '\r').count();
                String first = text.substring(0, Math.max(0, text.indexOf('\r')));
                String effect = shebang && text.indexOf('\r') < text.indexOf('\n')
                        ? "its #! line reads `" + first + "\\r` to Linux, an interpreter that does not exist, so every"
                                + " container fails to start with 'exec " + path + ": no such file or directory'"
                        : "the shell that runs it gets `\\r` at the end of every command and argument, so every"
                                + " container fails at its first line";
                context.finding(this, new Location(file.path(), file.lines(1, 1)), file.path() + " (" + path
                                + " in the image, run when the container starts) ends " + (crlf >= lines ? "its lines"
                                : crlf + " of its " + lines + " lines") + " with CR LF (Windows line endings), which"
                                + " the build copies as they are: " + effect)
                        .recommendation("Convert " + file.path() + " to LF line endings (dos2unix " + file.path()
                                + ") and add `*.sh text eol=lf` to .gitattributes, so that a checkout on Windows"
                                + " keeps them.")
                        .fix(Fix.of("convert " + file.path() + " to LF line endings", FixSafety.SAFE,
                                carriageReturns(file)))
                        .add();
            }
        }
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

    /** Whether a RUN of the image's stages converts the script's line endings. */
    private static boolean converted(Container c, String path) {
        String name = dev.drydock.core.discovery.PathNames.fileName(path);
        for (Stage stage : Stages.lineage(c.build().model(), c.build().stage())) {
            for (Step step : stage.steps()) {
                String text = step.instruction().rawText();
                if (step.instruction().kind() == InstructionKind.RUN && CONVERTS.matcher(text).find()
                        && (text.contains(name) || text.contains("*") || text.contains("find "))) {
                    return true;
                }
            }
        }
        return false;
    }
}
