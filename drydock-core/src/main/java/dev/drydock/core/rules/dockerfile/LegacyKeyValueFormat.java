package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "legacy-key-value-format",
        title = "ENV or LABEL uses the legacy 'key value' form",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every ENV and LABEL of every Dockerfile, as BuildKit's LegacyKeyValueFormat check does: fires when"
                + " the first word has no '=' (ENV PYTHONUNBUFFERED 1), the deprecated form in which the rest of the"
                + " line is the value of one variable; medium when the value reads as further pairs (ENV LANG en_US.UTF-8"
                + " LC_ALL en_US.UTF-8), which the line then does not set. ARG is not concerned: ARG a b declares two build arguments,"
                + " and BuildKit does not warn about it either.",
        problem = "The legacy form takes the whole rest of the line as one value, so ENV A 1 B 2 sets A to '1 B 2'"
                + " instead of two variables, and it is deprecated in favour of key=value.",
        impact = "Values silently different from what the line seems to say, and a BuildKit warning on every build.",
        recommendation = "Write ENV key=value (quote values with spaces: ENV DEPS=\"curl git\").",
        references = {
                "https://docs.docker.com/reference/build-checks/legacy-key-value-format/",
                "https://docs.docker.com/reference/dockerfile/#env"},
        aliases = {"LegacyKeyValueFormat"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        ENV PYTHONUNBUFFERED 1
                        """,
                good = """
                        FROM python:3.12.7-slim
                        ENV PYTHONUNBUFFERED=1
                        """))
public final class LegacyKeyValueFormat implements Rule {

    /** An environment variable name as people write them: upper case, digits and underscores. */
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*[A-Z][A-Z0-9_]*|[A-Z]");
    /** A hexadecimal digest or key fingerprint ({@code ENV GPG_KEYS 1198C011... C28D9375...}): a value, not a name. */
    private static final Pattern HEX_DIGEST = Pattern.compile("(?=.*[0-9])[0-9A-F]{8,}");

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (!dockerfile.parsed() || BuildCheckDirective.skips(dockerfile.syntax(), "LegacyKeyValueFormat")) {
                continue;
            }
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                check(context, dockerfile, instruction);
                instruction.trigger().ifPresent(trigger -> check(context, dockerfile, trigger));
            }
        }
    }

    private void check(ReviewContext context, DockerfileSource dockerfile, Instruction instruction) {
        if (instruction.kind() != InstructionKind.ENV && instruction.kind() != InstructionKind.LABEL
                || !(instruction.arguments() instanceof KeyValueList list) || !list.legacyForm()
                || list.entries().size() != 1) {
            return;
        }
        KeyValue entry = list.entries().get(0);
        String keyword = instruction.keyword().value().toUpperCase(Locale.ROOT);
        String file = dockerfile.file().path();
        String value = entry.hasValue() ? entry.value().value() : "";
        List<String> pairs = meantPairs(instruction, entry.name().value(), value);
        if (!pairs.isEmpty()) {
            String meant = String.join(" ", pairs);
            List<String> lost = new ArrayList<>();
            for (int i = 1; i < pairs.size(); i++) {
                lost.add(pairs.get(i).substring(0, pairs.get(i).indexOf('=')));
            }
            context.finding(this, dockerfile.file().path(), entry.span(), keyword + " " + entry.name().value() + " "
                            + value + " sets only " + entry.name().value() + ", to \"" + value + "\": the legacy form"
                            + " takes the rest of the line as one value, so " + String.join(" and ", lost)
                            + (lost.size() == 1 ? " is" : " are") + " never set")
                    .severity(Severity.MEDIUM)
                    .recommendation("Write " + keyword + " " + meant + " (one name=value pair per variable).")
                    .add();
            return;
        }
        String rewritten = entry.name().value() + "=" + quoted(value);
        boolean oneLine = entry.span().startLine() == entry.span().endLine();
        Fix fix = oneLine && rewritable(value)
                ? Fix.of("write " + rewritten, FixSafety.SAFE, TextEdit.replace(file, entry.span(), rewritten))
                : null;
        context.finding(this, file, entry.span(), "\"" + keyword + " " + entry.name().value() + " value\" is the legacy"
                        + " form: use " + keyword + " " + entry.name().value() + "=value")
                .recommendation("Write " + keyword + " " + rewritten + ".")
                .fix(fix)
                .add();
    }

    /**
     * The name=value pairs an ENV in the legacy form seems to mean when its value reads as further pairs
     * ({@code ENV LANG en_US.UTF-8 LC_ALL en_US.UTF-8}: words alternating with upper-case names); empty
     * otherwise.
     */
    private static List<String> meantPairs(Instruction instruction, String name, String value) {
        if (instruction.kind() != InstructionKind.ENV || isQuoted(value) || !rewritable(value)) {
            return List.of();
        }
        String[] words = value.strip().split("\\s+");
        if (words.length < 3 || words.length % 2 == 0) {
            return List.of();
        }
        List<String> pairs = new ArrayList<>();
        pairs.add(name + "=" + words[0]);
        for (int i = 1; i < words.length; i += 2) {
            if (!VARIABLE_NAME.matcher(words[i]).matches() || HEX_DIGEST.matcher(words[i]).matches()) {
                return List.of();
            }
            pairs.add(words[i] + "=" + words[i + 1]);
        }
        return pairs;
    }

    /** Whether wrapping the value in double quotes (when needed) keeps exactly the value BuildKit reads. */
    private static boolean rewritable(String value) {
        String inner = isQuoted(value) ? value.substring(1, value.length() - 1) : value;
        return !value.isEmpty() && inner.chars().noneMatch(c -> c == '"' || c == '\'' || c == '\\' || c == '`');
    }

    private static String quoted(String value) {
        return !isQuoted(value) && value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
    }

    /** A value written as one double-quoted string, which reads the same after an '='. */
    private static boolean isQuoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
    }
}
