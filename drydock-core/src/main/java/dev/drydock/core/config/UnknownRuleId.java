package dev.drydock.core.config;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.review.UnknownRuleName;
import java.util.LinkedHashSet;
import java.util.Set;

@RuleDefinition(
        id = "unknown-rule-id",
        title = "An ignore comment or the configuration names no rule",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every rule name in .drydock.yaml (ignore, severity) or in .hadolint.yaml (ignored, override),"
                + " and in the # drydock ignore= and # hadolint ignore= comments of the Dockerfiles, compose files,"
                + " .dockerignore files and dependency manifests, is the id or an alias of a drydock rule.",
        problem = "A misspelt id, or a hadolint or ShellCheck code drydock has no rule for, suppresses nothing and"
                + " changes no severity, silently.",
        impact = "The finding the author meant to silence still shows, or a rule meant to be stricter is not;"
                + " after a rule id is misspelt, the comment looks like it works while it does nothing.",
        recommendation = "Correct the name (`drydock rules` lists every id with its aliases), or remove it if"
                + " drydock has no such check.",
        references = {"https://github.com/hadolint/hadolint#ignoring-rules"},
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        # drydock ignore=apt-no-install-recomends
                        RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u7 \\
                            && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.7-slim
                        # drydock ignore=apt-no-install-recommends
                        RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u7 \\
                            && rm -rf /var/lib/apt/lists/*
                        """))
public final class UnknownRuleId implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (UnknownRuleName unknown : context.settings().unknownRuleNames()) {
            context.finding(this, unknown.location(), message(unknown.name(), unknown.where())).current(unknown.line()).add();
        }
        Project project = context.project();
        for (String file : commentedFiles(project)) {
            for (FilePragmas.Covered covered : Suppressor.of(project, file).pragmas()) {
                Pragma pragma = covered.pragma();
                String where = "this # " + pragma.tool() + " ignore comment";
                if (pragma.names().isEmpty()) {
                    context.finding(this, new Location(file, pragma.span()), where + " names no rule, so it ignores nothing")
                            .add();
                }
                for (Pragma.Name name : pragma.names()) {
                    if (RuleNames.resolve(name.text()).isEmpty()) {
                        context.finding(this, new Location(file, name.span()), message(name.text(), where)).add();
                    }
                }
            }
        }
    }

    private static String message(String name, String where) {
        return "`" + name + "` in " + where + " is neither the id nor an alias of a drydock rule, so it has no effect";
    }

    /** The files whose ignore comments are checked: what the review reads of the container setup. */
    private static Set<String> commentedFiles(Project project) {
        Set<String> files = new LinkedHashSet<>(project.dockerfiles().keySet());
        for (ComposeProject compose : project.composeProjects()) {
            for (ComposeFile file : compose.files()) {
                files.add(file.displayPath());
            }
        }
        files.addAll(project.dockerignores().keySet());
        for (Manifest manifest : project.manifests()) {
            files.add(manifest.file());
        }
        return files;
    }
}
