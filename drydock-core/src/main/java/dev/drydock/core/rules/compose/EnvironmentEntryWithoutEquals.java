package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "environment-entry-without-equals",
        title = "A list environment entry is written NAME: value, which sets no variable",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The list form of every compose service's `environment`: an entry with no `=` whose text is a"
                + " variable name, a colon and a value (`- \"TZ:${TZ}\"`, `- TZ:UTC`, `- \"MODE: prod\"`), the"
                + " mapping syntax written inside the list. Entries that are a name alone (`- TZ`, taken from the"
                + " shell) are fine; an unquoted `- TZ: UTC` is a YAML mapping, which Compose rejects and"
                + " file-not-read reports. Services that take the entry from one YAML anchor get one finding there.",
        problem = "In the list form Compose splits an entry at its first `=`; an entry without one is the name of a"
                + " variable to take from the shell that runs Compose. `TZ:UTC` is such a name: no shell sets it, so"
                + " Compose drops it, and the container gets neither TZ nor anything else.",
        impact = "The setting silently never reaches the container: the time zone stays UTC, the mode stays the"
                + " default, and neither Compose nor the engine warns.",
        recommendation = "Write `- NAME=value` in the list form, or use the mapping form `NAME: value`.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#environment",
                "https://github.com/mattermost/docker/issues/56"},
        fix = FixSafety.UNSAFE,
        effort = "1 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          chat:
                            image: example/chat:9.11.6
                            environment:
                              - "TZ:${TZ}"
                              - LOG_LEVEL=info
                        """,
                good = """
                        services:
                          chat:
                            image: example/chat:9.11.6
                            environment:
                              - "TZ=${TZ}"
                              - LOG_LEVEL=info
                        """))
public final class EnvironmentEntryWithoutEquals implements Rule {

    /** A variable name, a colon and blanks, then the intended value. */
    private static final Pattern NAME_COLON_VALUE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)(: *)(\\S.*)");

    private record Entry(ComposeServices.Ref ref, Location location, String written, String name, String value,
            Fix fix) {}

    @Override
    public void check(ReviewContext context) {
        List<Entry> found = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            for (Service.EnvVar env : ref.service().environment()) {
                if (env.listForm() && env.value() == null && env.node() instanceof ScalarNode scalar) {
                    Matcher m = NAME_COLON_VALUE.matcher(scalar.raw());
                    if (m.matches()) {
                        found.add(entry(ref, scalar, m));
                    }
                }
            }
        }
        for (List<Entry> group : ComposeServices.byLocation(found, Entry::location)) {
            Entry first = group.get(0);
            String services = ComposeServices.names(group.stream().map(e -> e.ref().name()).toList());
            var finding = context.finding(this, first.location(), "the environment entry `" + first.written()
                            + "` of " + services + " has no `=`, so Compose reads all of it as the name of a variable"
                            + " to take from its shell, finds none and drops it: " + first.name() + " is never set in"
                            + " the container")
                    .recommendation("Write `- " + first.name() + "=" + first.value() + "`, or `" + first.name() + ": "
                            + first.value() + "` in the mapping form.");
            if (first.fix() != null) {
                finding.fix(first.fix());
            }
            finding.add();
        }
    }

    private static Entry entry(ComposeServices.Ref ref, ScalarNode scalar, Matcher m) {
        Span separator = scalar.spanOf(m.start(2), m.end(2));
        Fix fix = scalar.hasExactText() ? Fix.of("write `=` between the name and the value", FixSafety.UNSAFE,
                SourceEdits.replace(scalar.file(), separator, "=")) : null;
        return new Entry(ref, ComposeServices.location(scalar), scalar.raw(), m.group(1), m.group(3), fix);
    }
}
