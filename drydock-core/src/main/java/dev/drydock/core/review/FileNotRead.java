package dev.drydock.core.review;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "file-not-read",
        title = "File could not be read",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "Every Dockerfile, compose file, ignore file and manifest of the project reads and parses;"
                + " each one that does not is reported at the position of the error. This includes an instruction"
                + " other than ARG before the first FROM, which BuildKit refuses (hadolint's DL3061).",
        problem = "drydock (and, for syntax errors, Docker or Compose themselves) cannot read this file.",
        impact = "Nothing in the file is reviewed; if Docker or Compose reject it too, the build or deployment fails.",
        recommendation = "Fix the error at the position shown; `drydock parse FILE` shows how the file is read.",
        aliases = {"DL3061"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        HEALTHCHECK --interval=soon CMD ["python", "-c", "print('ok')"]
                        CMD ["python", "-m", "http.server"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        HEALTHCHECK --interval=30s CMD ["python", "-c", "print('ok')"]
                        CMD ["python", "-m", "http.server"]
                        """))
public final class FileNotRead implements Rule {

    @Override
    public void check(ReviewContext context) {
        // a file left out by the walk is met again when a compose file builds it: one finding is enough
        Set<String> wholeFiles = new HashSet<>();
        Map<String, Integer> perFile = new HashMap<>();
        for (Diagnostic d : context.project().diagnostics()) {
            if (d.level() != Diagnostic.Level.ERROR || (d.line() <= 0 && !wholeFiles.add(d.path()))) {
                continue;
            }
            int count = perFile.merge(d.path(), 1, Integer::sum);
            if (count <= MAX_PER_FILE) {
                context.finding(this, new Location(d.path(), span(context, d)), d.message()).add();
            } else if (count == MAX_PER_FILE + 1) {
                long more = context.project().diagnostics().stream()
                        .filter(o -> o.level() == Diagnostic.Level.ERROR && o.path().equals(d.path())).count() - MAX_PER_FILE;
                context.finding(this, new Location(d.path(), span(context, d)), more + " more error"
                        + (more == 1 ? "" : "s") + " in this file, not listed one by one (is it the kind of file its"
                        + " name says?); `drydock parse " + d.path() + "` lists them all").add();
            }
        }
    }

    /** Errors reported one by one per file; Docker and Compose stop at the first. */
    static final int MAX_PER_FILE = 20;

    private static Span span(ReviewContext context, Diagnostic d) {
        if (d.line() <= 0) {
            return null;
        }
        SourceFile file = context.project().source(d.path()).orElse(null);
        if (file == null || d.line() > file.lineCount()) {
            return null;
        }
        int start = Math.min(file.lineStart(d.line()) + Math.max(0, d.column() - 1), file.lineEnd(d.line()));
        return file.span(start, file.lineEnd(d.line()));
    }
}
