package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.Pep440Version;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.DockerfileEdits;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeEnvironment;
import dev.drydock.core.rules.support.ImageVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "deprecated-env",
        title = "Environment variable the framework no longer reads",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "ENV values the final image keeps, against a table of variables a framework stopped reading, and"
                + " the version the project's manifests allow: FLASK_ENV (removed in Flask 2.3, deprecated in 2.2)."
                + " It fires only when every declaration of the framework in the build context's manifests has a"
                + " lower bound at or above that version (Flask>=2.3.0, flask==3.0.*, flask~=2.3, Poetry ^2.3); an"
                + " unconstrained or older-allowing requirement proves nothing and keeps the rule quiet. Variables"
                + " that are still read (FLASK_DEBUG, FLASK_APP, NODE_ENV, NODE_OPTIONS ...) are not in the table.",
        problem = "A variable the framework ignores looks like configuration but changes nothing: readers of the"
                + " Dockerfile believe it sets a mode that is in fact decided elsewhere.",
        impact = "Misleading configuration: someone sets FLASK_ENV=development to debug and nothing happens, or"
                + " trusts FLASK_ENV=production to keep debug mode off while FLASK_DEBUG decides it.",
        recommendation = "Remove the variable, and use what replaced it where the behaviour is still wanted.",
        references = {
                "https://flask.palletsprojects.com/en/stable/changes/#version-2-3-0",
                "https://flask.palletsprojects.com/en/stable/config/#debug-mode",
                "https://docs.docker.com/reference/dockerfile/#env"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        ENV FLASK_APP=app.py
                        ENV FLASK_ENV=production
                        CMD ["gunicorn", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        ENV FLASK_APP=app.py
                        CMD ["gunicorn", "app:app"]
                        """,
                alongside = @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        gunicorn==23.0.0
                        """)))
public final class DeprecatedEnv implements Rule {

    /**
     * A variable a framework stopped reading.
     *
     * @param variable the environment variable
     * @param ecosystem where the framework is published
     * @param dependency its name in manifests
     * @param framework its name in messages
     * @param since the first version that ignores the variable
     * @param history what happened to it, for the message
     * @param instead what to use instead
     */
    record Deprecation(String variable, Ecosystem ecosystem, String dependency, String framework, String since,
            String history, String instead) {}

    static final List<Deprecation> TABLE = List.of(
            new Deprecation("FLASK_ENV", Ecosystem.PYPI, "flask", "Flask", "2.3",
                    "Flask deprecated it in 2.2 and ignores it since 2.3",
                    "production behaviour (debug off) is Flask's default; in development set FLASK_DEBUG=1 or run"
                            + " flask run --debug, outside the image"));

    private static final Pattern DEVELOPMENT = Pattern.compile("(?i)dev|development|local|debug");
    private static final Pattern CLAUSE = Pattern.compile("\\s*(===|~=|==|>=|<=|!=|>|<|\\^|~)?\\s*v?([0-9][0-9a-zA-Z.*+!-]*)\\s*");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (ImageVariables.Entry entry : ImageVariables.of(image)) {
                if (entry.kind() != Variables.Kind.ENV || !entry.effective()) {
                    continue;
                }
                for (Deprecation d : TABLE) {
                    if (!d.variable().equals(entry.name())) {
                        continue;
                    }
                    proof(image, d).ifPresent(dependency -> report(context, image, entry, d, dependency));
                }
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, ImageVariables.Entry entry, Deprecation d,
            Located dependency) {
        StringBuilder message = new StringBuilder("ENV ").append(entry.assignment()).append(" has no effect: ")
                .append(d.history()).append(", and ").append(dependency.file()).append(" asks for ")
                .append(dependency.dependency().name()).append(dependency.dependency().constraint()).append(" (line ")
                .append(dependency.dependency().line()).append(')');
        List<String> compose = composeSettings(image, d.variable());
        if (!compose.isEmpty()) {
            message.append("; ").append(String.join("; ", compose));
        }
        context.finding(this, image.dockerfile(), entry.entry().span(), message.toString())
                .recommendation("Remove ENV " + entry.assignment()
                        + (compose.isEmpty() ? "" : " (and the same entry in docker-compose.yml)") + ": " + d.instead()
                        + ".")
                .fix(removal(entry))
                .add();
    }

    /**
     * Deletes the entry (the ENV line when it is its only key). The image then behaves as Flask does
     * without the variable: production mode, which is also what a development value no longer gave.
     */
    private static Fix removal(ImageVariables.Entry entry) {
        if (!(entry.instruction().arguments() instanceof KeyValueList list)) {
            return null;
        }
        String value = entry.value() == null ? "" : entry.value();
        String title = "remove ENV " + entry.assignment() + (DEVELOPMENT.matcher(value).matches()
                ? " (ignored by the framework: the image runs in production mode, as it already did)"
                : " (ignored by the framework)");
        return Fix.of(title, FixSafety.SAFE, DockerfileEdits.removeEntry(entry.instruction(), list.entries(),
                entry.entry()));
    }

    private static List<String> composeSettings(BuiltImage image, String name) {
        List<String> out = new ArrayList<>();
        for (ComposeEnvironment.Setting setting : ComposeEnvironment.of(image, name)) {
            String text = setting.value().file().path() + " sets it too for " + setting.container().name() + " (line "
                    + setting.value().line() + ")";
            if (!out.contains(text)) {
                out.add(text);
            }
        }
        return out;
    }

    record Located(String file, Dependency dependency) {}

    /** The declaration that proves the deprecation applies: every declaration allows only versions >= since. */
    static Optional<Located> proof(BuiltImage image, Deprecation d) {
        Located first = null;
        Pep440Version since = Pep440Version.parse(d.since()).orElseThrow();
        for (Container c : image.containers()) {
            for (Manifest manifest : c.manifests()) {
                if (manifest.ecosystem() != d.ecosystem()) {
                    continue;
                }
                for (Dependency dep : manifest.dependencies()) {
                    if (!dep.normalizedName().equals(d.ecosystem().normalize(d.dependency())) || dep.isDev()) {
                        continue;
                    }
                    Optional<Pep440Version> bound = lowerBound(dep.constraint());
                    if (bound.isEmpty() || bound.get().compareTo(since) < 0) {
                        return Optional.empty();
                    }
                    if (first == null) {
                        first = new Located(manifest.file(), dep);
                    }
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * The lowest version a constraint allows, when it has a lower bound: the highest of its {@code >=},
     * {@code >}, {@code ==}, {@code ===}, {@code ~=} clauses (a wildcard {@code ==2.3.*} counts as 2.3) and
     * Poetry's {@code ^} and {@code ~}.
     */
    public static Optional<Pep440Version> lowerBound(String constraint) {
        if (constraint == null || constraint.isBlank() || constraint.startsWith("@")) {
            return Optional.empty();
        }
        Pep440Version best = null;
        for (String clause : constraint.split(",")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                continue;
            }
            String op = m.group(1) == null ? "==" : m.group(1);
            if (op.equals("<") || op.equals("<=") || op.equals("!=")) {
                continue;
            }
            String version = m.group(2);
            if (version.endsWith(".*")) {
                if (!op.equals("==")) {
                    continue;
                }
                version = version.substring(0, version.length() - 2);
            }
            Optional<Pep440Version> v = Pep440Version.parse(version);
            if (v.isPresent() && (best == null || v.get().compareTo(best) > 0)) {
                best = v.get();
            }
        }
        return Optional.ofNullable(best);
    }
}
