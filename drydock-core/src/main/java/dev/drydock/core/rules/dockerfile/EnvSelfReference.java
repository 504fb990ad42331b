package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.StagesInUse;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "env-self-reference",
        title = "ENV uses a variable that the same ENV sets",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Every ENV with several name=value pairs in the stages a build uses: fires for each $NAME or"
                + " ${NAME} in one pair's value (outside single quotes, not escaped) where NAME is set by another"
                + " pair of the same ENV and changed there. A pair that extends its own variable (PATH=/opt/bin:$PATH)"
                + " passes, and so does a reference to a variable the ENV only sets to its own value (HOME_DIR=${HOME_DIR},"
                + " an ARG made an ENV).",
        problem = "BuildKit expands all values of one ENV with the variables as they were before that ENV: a value"
                + " that uses a name the same ENV sets gets the old value (or nothing), not the one written beside it.",
        impact = "The variable silently holds the wrong value, such as a PATH with an empty entry instead of the"
                + " new tool's bin directory.",
        recommendation = "Set the variable in an earlier ENV and use it in a later one.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#environment-replacement",
                "https://docs.docker.com/reference/dockerfile/#env"},
        aliases = {"DL3044"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        ENV APP_HOME=/opt/app PATH=$APP_HOME/bin:$PATH
                        """,
                good = """
                        FROM eclipse-temurin:21.0.5_11-jre
                        ENV APP_HOME=/opt/app
                        ENV PATH=$APP_HOME/bin:$PATH
                        """))
public final class EnvSelfReference implements Rule {

    private static final Pattern REFERENCE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (Step step : used.stage().steps()) {
                Instruction env = step.instruction();
                if (env.kind() == InstructionKind.ENV && env.arguments() instanceof KeyValueList list
                        && list.entries().size() > 1) {
                    check(context, step, list.entries());
                }
            }
        }
    }

    private void check(ReviewContext context, Step step, List<KeyValue> entries) {
        Instruction env = step.instruction();
        for (KeyValue pair : entries) {
            if (!pair.hasValue()) {
                continue;
            }
            String value = pair.value().value();
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (name.equals(pair.name().value()) || !expanded(value, m.start())) {
                    continue;
                }
                boolean changedHere = entries.stream().anyMatch(e -> e != pair && e.name().value().equals(name)
                        && !keepsValue(e));
                if (!changedHere) {
                    continue;
                }
                String before = step.variables().lookup(name);
                Span span = referenceSpan(env, pair, m);
                context.finding(this, env.file().path(), span, "ENV " + pair.name().value() + " uses $" + name
                                + ", which this same ENV sets: it gets "
                                + (before == null ? "the value from before this ENV (none set in the Dockerfile)"
                                        : "the earlier value \"" + before + "\"")
                                + ", not the one written here")
                        .recommendation("Move " + pair.name().value() + "=" + value + " into its own ENV after the one"
                                + " that sets " + name + ".")
                        .add();
            }
        }
    }

    /**
     * Whether a pair sets its variable to the value it already has ({@code NAME=${NAME}}, often an ARG made
     * an ENV): a reference to it elsewhere in the ENV gets the same value either way.
     */
    private static boolean keepsValue(KeyValue pair) {
        if (!pair.hasValue()) {
            return false;
        }
        String value = pair.value().value();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        String name = pair.name().value();
        return value.equals("$" + name) || value.equals("${" + name + "}");
    }

    /** Whether the $ at {@code at} is expanded: not escaped and not inside single quotes. */
    private static boolean expanded(String value, int at) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < at; i++) {
            char c = value.charAt(i);
            if (c == '\\' && !single) {
                i++;
                continue;
            }
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            }
        }
        return !single && !(at > 0 && value.charAt(at - 1) == '\\');
    }

    private static Span referenceSpan(Instruction env, KeyValue pair, Matcher m) {
        Span span = pair.value().span();
        if (span.end() - span.start() != pair.value().value().length()) {
            return span;
        }
        int end = m.group(1) != null ? pair.value().value().indexOf('}', m.end()) + 1 : m.end();
        return env.file().span(span.start() + m.start(), span.start() + (end <= 0 ? m.end() : end));
    }
}
