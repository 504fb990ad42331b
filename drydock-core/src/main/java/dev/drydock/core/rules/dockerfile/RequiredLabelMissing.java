package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@RuleDefinition(
        id = "required-label-missing",
        title = "The image lacks a label the project's label schema requires",
        severity = Severity.MEDIUM,
        category = Category.MAINTAINABILITY,
        checks = "Only with a label schema in the project's drydock configuration: the labels of each built image"
                + " (LABEL in its stages, including the stages it is built on, and compose build.labels) must include"
                + " every key of the schema. One finding per image, at its final FROM, listing the missing keys."
                + " With a schema configured, oci-labels-missing stays quiet: the schema says which labels the"
                + " project wants.",
        problem = "The project's configuration names the labels every image must carry, and this image does not set"
                + " some of them.",
        impact = "Whatever reads these labels (registries, deployment tooling, inventory and license scans) finds"
                + " nothing for this image.",
        recommendation = "Add the missing keys with LABEL in the final stage (values that change per build as"
                + " ARGs, passed with --build-arg).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#label",
                "https://github.com/opencontainers/image-spec/blob/main/annotations.md"},
        aliases = {"DL3049"},
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.title="notes"
                        CMD ["python3", "-m", "http.server"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.title="notes" \\
                              org.opencontainers.image.source="https://git.example.com/team/notes"
                        CMD ["python3", "-m", "http.server"]
                        """,
                alongside = @ExampleFile(name = ".drydock.yaml", content = """
                                label-schema:
                                  org.opencontainers.image.title: text
                                  org.opencontainers.image.source: url
                                """)))
public final class RequiredLabelMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        Map<String, String> schema = new TreeMap<>(context.settings().labelSchema());
        if (schema.isEmpty()) {
            return;
        }
        for (BuiltImage image : BuiltImage.of(context)) {
            List<String> missing = new ArrayList<>();
            for (String key : schema.keySet()) {
                if (!image.stage().config().labels().containsKey(key) && !composeLabels(image, key)) {
                    missing.add(key);
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            context.finding(this, new Location(image.dockerfile(), image.stage().from().span()),
                            "the image of " + Stages.describe(image.stage()) + " lacks the required label"
                                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing))
                    .implicit()
                    .recommendation("Add LABEL " + String.join(" ", missing.stream().map(k -> k + "=\"<"
                            + schema.get(k) + ">\"").toList()) + " to the final stage.")
                    .add();
        }
    }

    private static boolean composeLabels(BuiltImage image, String key) {
        for (Container container : image.containers()) {
            Service service = container.service();
            if (service != null && service.build() != null && service.build().labels().containsKey(key)) {
                return true;
            }
        }
        return false;
    }
}
