package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.LabelEntries;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "label-key-invalid",
        title = "A LABEL key does not follow Docker's key format",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every LABEL key of the stages a build uses (keys with variables are not checked): fires when it"
                + " does not start with a lower-case letter, does not end with a lower-case letter or digit, has"
                + " characters other than a-z, 0-9, . and -, has .. or --, or is in a namespace Docker reserves"
                + " (com.docker., io.docker., org.dockerproject.).",
        problem = "Docker's guidelines ask for lower-case reverse-DNS keys made of letters, digits, dots and hyphens,"
                + " and keep three namespaces for Docker itself; tools that read labels rely on that form.",
        impact = "Label queries (docker ps --filter label=...) and tools that match keys miss a key written in"
                + " another case or with underscores, and a key in a reserved namespace may clash with Docker's own.",
        recommendation = "Write keys like org.opencontainers.image.version or com.example.team: lower case, dots and"
                + " hyphens only.",
        references = {
                "https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations",
                "https://github.com/opencontainers/image-spec/blob/main/annotations.md"},
        aliases = {"DL3048"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        LABEL Build_Date="2024-10-01T12:00:00Z"
                        """,
                good = """
                        FROM python:3.12.7-slim
                        LABEL org.opencontainers.image.created="2024-10-01T12:00:00Z"
                        """))
public final class LabelKeyInvalid implements Rule {

    private static final List<String> RESERVED = List.of("com.docker.", "io.docker.", "org.dockerproject.");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            for (LabelEntries label : LabelEntries.of(List.of(used.stage()))) {
                problem(label.key()).ifPresent(problem ->
                        context.finding(this, label.instruction().file().path(), label.entry().name().span(),
                                        "LABEL key " + label.key() + " " + problem)
                                .add());
            }
        }
    }

    static Optional<String> problem(String key) {
        if (key.contains("$") || key.isEmpty()) {
            return Optional.empty();
        }
        for (String reserved : RESERVED) {
            if (key.startsWith(reserved)) {
                return Optional.of("is in the " + reserved + "* namespace, which Docker reserves for its own labels");
            }
        }
        if (!key.matches("[a-z0-9.-]+")) {
            return Optional.of("has characters other than lower-case letters, digits, . and -");
        }
        if (!Character.isLowerCase(key.charAt(0))) {
            return Optional.of("does not start with a lower-case letter");
        }
        if (key.endsWith(".") || key.endsWith("-")) {
            return Optional.of("does not end with a letter or digit");
        }
        if (key.contains("..") || key.contains("--")) {
            return Optional.of("has consecutive dots or hyphens");
        }
        return Optional.empty();
    }
}
