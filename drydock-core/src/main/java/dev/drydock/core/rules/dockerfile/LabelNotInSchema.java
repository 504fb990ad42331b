package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.LabelEntries;
import java.util.Map;

@RuleDefinition(
        id = "label-not-in-schema",
        title = "A label that the project's strict label schema does not list",
        severity = Severity.INFO,
        category = Category.MAINTAINABILITY,
        checks = "Only with a label schema and strict labels in the project's drydock configuration: every LABEL"
                + " key of the stages whose file system is an image the project builds must be a key of the schema.",
        problem = "The project has declared the complete set of labels its images carry, and this one is not in it.",
        impact = "Labels outside the agreed set are not maintained: they go stale or carry information nobody"
                + " meant to publish.",
        recommendation = "Remove the label, or add its key to the label schema if it is meant to stay.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#label"},
        aliases = {"DL3050"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.title="notes" maintainer="ops@example.com"
                        CMD ["python3", "-m", "http.server"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.title="notes"
                        CMD ["python3", "-m", "http.server"]
                        """,
                alongside = @ExampleFile(name = ".drydock.yaml", content = """
                                label-schema:
                                  org.opencontainers.image.title: text
                                strict-labels: true
                                """)))
public final class LabelNotInSchema implements Rule {

    @Override
    public void check(ReviewContext context) {
        Map<String, String> schema = context.settings().labelSchema();
        if (schema.isEmpty() || !context.settings().strictLabels()) {
            return;
        }
        for (LabelEntries label : LabelEntries.inImages(context)) {
            if (!schema.containsKey(label.key()) && !label.key().contains("$")) {
                context.finding(this, label.instruction().file().path(), label.entry().name().span(),
                                "LABEL " + label.key() + " is not in the project's label schema ("
                                        + String.join(", ", new java.util.TreeSet<>(schema.keySet())) + ")")
                        .add();
            }
        }
    }
}
