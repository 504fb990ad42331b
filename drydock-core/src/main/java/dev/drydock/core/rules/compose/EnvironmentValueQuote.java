package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.dotenv.DotEnvFile;
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
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "environment-value-quote",
        title = "An environment value keeps a quote character as part of the value",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The `environment` values of every compose service, as written before interpolation, and the"
                + " unquoted values of the .env files Compose reads: a plain (not YAML-quoted) value that starts or ends with a quote or"
                + " backtick (\", ', `) that has no partner in the value (`POSTGRES_DB: ${POSTGRES_DB}` followed by"
                + " a backtick), and a list entry whose value is wrapped in quotes (`- BASE_URL=\"\"`), which"
                + " Compose passes on with the quotes. Quotes that YAML or the .env syntax removes (`KEY: \"x\"`,"
                + " `- \"KEY=x\"`, `KEY='x'` in .env) are not part of the value and are fine. Services that take the"
                + " entry from one YAML anchor get one finding there.",
        problem = "Compose hands the container the value exactly as written between the YAML or .env quoting: a stray"
                + " quote left over from an edit, or the quotes around a list entry's value, become characters of"
                + " the value.",
        impact = "The program gets a database name, URL or path with a quote in it: it connects to a database that"
                + " does not exist (or creates one with that name), builds broken links, or rejects its settings;"
                + " `docker compose config` shows the value but nothing warns.",
        recommendation = "Delete the stray character. In the list form write `- KEY=value` (or quote the whole entry,"
                + " `- \"KEY=value\"`), or use the mapping form `KEY: \"value\"`, where YAML removes the quotes.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#environment",
                "https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax",
                "https://github.com/docker/compose/issues/2854"},
        fix = FixSafety.UNSAFE,
        effort = "1 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17.2
                            environment:
                              POSTGRES_DB: ${POSTGRES_DB}`
                              POSTGRES_USER: app
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17.2
                            environment:
                              POSTGRES_DB: ${POSTGRES_DB}
                              POSTGRES_USER: app
                        """))
public final class EnvironmentValueQuote implements Rule {

    private static final String QUOTES = "\"'`";

    /** One value with a quote problem: where it is written and what is wrong. */
    private record Quoted(ComposeServices.Ref ref, String name, Location location, String message, String recommendation,
            Fix fix) {}

    @Override
    public void check(ReviewContext context) {
        List<Quoted> found = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            for (Service.EnvVar env : ref.service().environment()) {
                if (env.value() != null && env.value().node() instanceof ScalarNode scalar && scalar.isString()) {
                    quoted(ref, env, scalar).ifPresent(found::add);
                }
            }
        }
        for (List<Quoted> group : ComposeServices.byLocation(found, Quoted::location)) {
            Quoted first = group.get(0);
            String services = ComposeServices.names(group.stream().map(q -> q.ref().name()).toList());
            var finding = context.finding(this, first.location(), "`" + first.name() + "` of " + services + " "
                    + first.message()).recommendation(first.recommendation());
            if (first.fix() != null) {
                finding.fix(first.fix());
            }
            finding.add();
        }
        checkDotEnvFiles(context);
    }

    private static Optional<Quoted> quoted(ComposeServices.Ref ref, Service.EnvVar env, ScalarNode scalar) {
        String raw = scalar.raw();
        int start = env.listForm() ? raw.indexOf('=') + 1 : 0;
        if (start <= 0 && env.listForm()) {
            return Optional.empty();
        }
        String value = raw.substring(start);
        int stray = scalar.isQuoted() ? -1 : strayQuote(value); // inside YAML quotes, a lone quote is written on purpose
        SourceFile file = scalar.file();
        if (stray >= 0) {
            Span span = scalar.spanOf(start + stray, start + stray + 1);
            boolean exact = scalar.hasExactText();
            Fix fix = exact ? Fix.of("delete the stray " + name(value.charAt(stray)), FixSafety.UNSAFE,
                    SourceEdits.replace(file, span, "")) : null;
            return Optional.of(new Quoted(ref, env.name(), new Location(file.path(), span),
                    where(value, stray) + " a stray " + name(value.charAt(stray)) + " with no partner: the container"
                            + " gets it as part of the value, written " + value,
                    "Delete the " + name(value.charAt(stray)) + ".", fix));
        }
        if (env.listForm() && !scalar.isQuoted() && wrapped(value)) {
            Span span = scalar.spanOf(start, raw.length());
            String inner = value.substring(1, value.length() - 1);
            boolean plainSafe = scalar.hasExactText() && !inner.contains("#") && !inner.contains(": ")
                    && inner.strip().equals(inner);
            Fix fix = plainSafe ? Fix.of("remove the quotes around the value", FixSafety.UNSAFE,
                    SourceEdits.replace(file, span, inner)) : null;
            return Optional.of(new Quoted(ref, env.name(), new Location(file.path(), span),
                    "is written `" + env.name() + "=" + value + "` in the list form, where Compose keeps the quotes:"
                            + " the container gets " + (inner.isEmpty() ? "the two quote characters, not an empty value"
                            : received(scalar, value, inner)),
                    "Write `- " + env.name() + "=" + inner + "`" + (inner.isEmpty() ? "" : " (or quote the whole entry: `- \""
                            + env.name() + "=" + inner + "\"`)") + ".", fix));
        }
        return Optional.empty();
    }

    /**
     * What the container receives for a value wrapped in quotes: the value with its quotes; with a variable in it, the
     * text Compose substitutes for it, still between the quotes.
     */
    private static String received(ScalarNode scalar, String written, String inner) {
        String value = scalar.value();
        int start = value == null ? 0 : value.indexOf('=') + 1;
        if (scalar.substitutions().isEmpty() || start <= 0 || !wrapped(value.substring(start))) {
            return written + " with its quotes, not " + inner;
        }
        String got = value.substring(start);
        return got + " with its quotes (what " + written + " becomes), not " + got.substring(1, got.length() - 1);
    }

    /** The .env files the compose projects read: an unquoted value with a stray quote at either end. */
    private void checkDotEnvFiles(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (ComposeProject compose : context.project().composeProjects()) {
            for (DotEnvFile file : compose.variables().dotEnvFiles()) {
                if (!seen.add(file.file().path())) {
                    continue;
                }
                for (DotEnvEntry entry : file.entries()) {
                    if (entry.quote() != 0 || entry.rawValue() == null || entry.valueSpan() == null) {
                        continue;
                    }
                    String value = entry.rawValue();
                    int stray = strayQuote(value);
                    if (stray < 0) {
                        continue;
                    }
                    int offset = entry.valueSpan().start() + stray;
                    Span span = file.file().span(offset, offset + 1);
                    context.finding(this, new Location(file.file().path(), span), "`" + entry.key() + "` in "
                                    + file.file().path() + " " + where(value, stray) + " a stray " + name(value.charAt(stray))
                                    + " with no partner: Compose reads it as part of the value, written " + value)
                            .recommendation("Delete the " + name(value.charAt(stray)) + ".")
                            .fix(Fix.of("delete the stray " + name(value.charAt(stray)), FixSafety.UNSAFE,
                                    SourceEdits.replace(file.file(), span, "")))
                            .add();
                }
            }
        }
    }

    /**
     * The index of a quote or backtick at the end (or else the start) of the value that occurs an odd number of
     * times in it, or -1.
     */
    static int strayQuote(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return -1;
        }
        int lead = value.indexOf(v);
        char last = v.charAt(v.length() - 1);
        if (QUOTES.indexOf(last) >= 0 && count(v, last) % 2 == 1) {
            return lead + v.length() - 1;
        }
        char first = v.charAt(0);
        if (QUOTES.indexOf(first) >= 0 && count(v, first) % 2 == 1) {
            return lead;
        }
        return -1;
    }

    /** A value wrapped whole in one pair of double or single quotes ({@code "x"}, {@code ''}). */
    private static boolean wrapped(String value) {
        if (value.length() < 2) {
            return false;
        }
        char q = value.charAt(0);
        return (q == '"' || q == '\'') && value.charAt(value.length() - 1) == q && count(value, q) == 2;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private static String where(String value, int stray) {
        return stray == value.length() - 1 || value.substring(stray + 1).isBlank() ? "ends in" : "starts with";
    }

    private static String name(char quote) {
        return switch (quote) {
            case '`' -> "backtick";
            case '\'' -> "single quote";
            default -> "double quote";
        };
    }
}
