package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.LabelEntries;
import dev.drydock.core.rules.support.LabelValueTypes;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "label-value-invalid",
        title = "A label's value does not have the type the label schema gives it",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Only with a label schema in the project's drydock configuration: every LABEL of the image stages"
                + " whose key the schema lists, value written without variables: fires when the value is empty, or"
                + " is not of the schema's type: url (scheme and host), rfc3339 (date-time with offset), spdx (license"
                + " expression syntax), hash (7 to 40 or 64 lower-case hex digits), semver (semantic version),"
                + " email (address); text accepts any non-empty value.",
        problem = "The project's label schema says what each label holds; this value cannot be read as that.",
        impact = "Tools that parse the label (license scanners, release dashboards, links back to the source) get"
                + " nothing or fail on this image.",
        recommendation = "Write a value of the schema's type, or pass it as a build argument filled by CI"
                + " (--build-arg REVISION=$(git rev-parse HEAD)).",
        references = {
                "https://github.com/opencontainers/image-spec/blob/main/annotations.md",
                "https://spdx.org/licenses/",
                "https://semver.org/",
                "https://www.rfc-editor.org/rfc/rfc3339"},
        aliases = {"DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.version="v1.2" org.opencontainers.image.revision="HEAD"
                        CMD ["python3", "-m", "http.server"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.version="1.2.0" \\
                              org.opencontainers.image.revision="3f4e2a1b9c0d8e7f6a5b4c3d2e1f0a9b8c7d6e5f"
                        CMD ["python3", "-m", "http.server"]
                        """,
                alongside = @ExampleFile(name = ".drydock.yaml", content = """
                                label-schema:
                                  org.opencontainers.image.version: semver
                                  org.opencontainers.image.revision: hash
                                """)))
public final class LabelValueInvalid implements Rule {

    @Override
    public void check(ReviewContext context) {
        Map<String, String> schema = context.settings().labelSchema();
        if (schema.isEmpty()) {
            return;
        }
        for (LabelEntries label : LabelEntries.inImages(context)) {
            String type = schema.get(label.key());
            if (type == null || !LabelValueTypes.known(type)) {
                continue;
            }
            String value = label.writtenValue();
            if (value.contains("$")) {
                continue;
            }
            Optional<String> problem = value.isBlank() ? Optional.of("is empty")
                    : LabelValueTypes.problem(type, value);
            var span = label.entry().hasValue() ? label.entry().value().span() : label.entry().span();
            problem.ifPresent(p -> context.finding(this, label.instruction().file().path(), span,
                            "LABEL " + label.key() + (value.isBlank() ? "" : "=\"" + value + "\"") + " " + p
                                    + "; the label schema gives it the type " + type)
                    .add());
        }
    }
}
