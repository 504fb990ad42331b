package dev.drydock.core.rules.context;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "compose-version-obsolete",
        title = "Obsolete top-level version in a compose file",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "A top-level `version:` key in any compose file of the project (base, override, variant, included or"
                + " extended file).",
        problem = "The Compose Specification has no file format versions: Compose ignores `version` and warns \"the"
                + " attribute `version` is obsolete, it will be ignored\". The key suggests a feature set (3.8, swarm-era"
                + " limits) that has no effect on what Compose accepts.",
        impact = "A warning on every command, and readers who believe features are enabled or disabled by the number;"
                + " some scanners gate their checks on it, which hides real problems once it is removed.",
        recommendation = "Delete the `version:` line; add a top-level `name:` if the project name should not depend on"
                + " the folder name.",
        references = {
                "https://docs.docker.com/reference/compose-file/version-and-name/",
                "https://github.com/compose-spec/compose-spec/blob/main/04-version-and-name.md"},
        aliases = {"no-version-field"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        version: "3.9"
                        services:
                          web:
                            image: nginx:1.27.3
                        """,
                good = """
                        services:
                          web:
                            image: nginx:1.27.3
                        """))
public final class ComposeVersionObsolete implements Rule {

    private static final Pattern TOP_LEVEL_VERSION = Pattern.compile("(?m)^version[ \\t]*:[^\\n#]*?(?=[ \\t]*(?:#|$))");

    @Override
    public void check(ReviewContext context) {
        Set<String> done = new HashSet<>();
        for (ComposeProject compose : context.project().composeProjects()) {
            Located<String> version = compose.version();
            if (version != null && done.add(version.file().path())) {
                Location at = ComposeServices.keyed(version);
                report(context, version.file(), at.span(), version.file().text(at.span()));
            }
            for (ComposeFile file : compose.files()) {
                SourceFile source = file.source();
                if (!done.add(source.path())) {
                    continue;
                }
                Matcher m = TOP_LEVEL_VERSION.matcher(source.text());
                if (m.find()) {
                    Span span = source.span(m.start(), m.end());
                    report(context, source, span, source.text(span).strip());
                }
            }
        }
    }

    private void report(ReviewContext context, SourceFile source, Span span, String written) {
        String file = source.path();
        TextEdit delete;
        if (span.startLine() == span.endLine() && source.line(span.startLine()).strip().equals(written)) {
            int last = span.startLine();
            if (last == 1) { // the file's first line: take the blank lines after it too
                while (last < source.lineCount() && source.line(last + 1).isBlank()) {
                    last++;
                }
            }
            delete = SourceEdits.deleteLines(source, span.startLine(), last);
        } else {
            delete = SourceEdits.replace(source, span, "");
        }
        context.finding(this, new Location(file, span), "`" + written + "` is obsolete: Compose ignores it"
                        + " (and warns on every command) and it does not select a file format; what " + file
                        + " may use depends on the installed Compose, which implements the Compose Specification.")
                .recommendation("Delete line " + span.startLine() + " of " + file + ".")
                .fix(Fix.of("delete the obsolete version line", FixSafety.SAFE, delete))
                .add();
    }
}
