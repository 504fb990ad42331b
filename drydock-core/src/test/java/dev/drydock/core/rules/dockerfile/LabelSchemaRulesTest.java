package dev.drydock.core.rules.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.ReviewSettings;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label rules with and without a label schema in the settings, and the trusted registries setting. */
class LabelSchemaRulesTest {

    @TempDir
    Path dir;

    private List<Finding> review(String dockerfile, ReviewSettings settings, Rule... rules) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return new Reviewer(List.of(rules), settings).review(new ProjectLoader().load(dir)).findings();
    }

    @Test
    void aSchemaMovesTheMissingLabelFindingFromOciLabelsToTheSchemaRule() throws IOException {
        String dockerfile = "FROM python:3.12.7-slim\nLABEL com.example.team=web\n";
        Rule[] rules = {new OciLabelsMissing(), new RequiredLabelMissing()};

        assertThat(review(dockerfile, ReviewSettings.DEFAULT, rules)).extracting(Finding::ruleId)
                .containsExactly("oci-labels-missing");

        ReviewSettings schema = ReviewSettings.DEFAULT.withLabelSchema(
                Map.of("org.opencontainers.image.source", "url", "com.example.team", "text"), false);
        List<Finding> findings = review(dockerfile, schema, rules);
        assertThat(findings).extracting(Finding::ruleId).containsExactly("required-label-missing");
        assertThat(findings.get(0).message()).contains("org.opencontainers.image.source")
                .doesNotContain("com.example.team");
    }

    @Test
    void valuesAreCheckedByTheirSchemaType() throws IOException {
        String dockerfile = """
                FROM python:3.12.7-slim
                LABEL org.opencontainers.image.version="1.4.2" org.opencontainers.image.revision="xyz" \\
                      org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND BSD-3-Clause" com.example.team=web
                """;
        ReviewSettings schema = ReviewSettings.DEFAULT.withLabelSchema(Map.of("org.opencontainers.image.version",
                "semver", "org.opencontainers.image.revision", "hash", "org.opencontainers.image.licenses", "spdx"), true);

        List<Finding> findings = review(dockerfile, schema, new LabelValueInvalid(), new LabelNotInSchema());

        assertThat(findings).extracting(f -> f.ruleId() + " " + f.location())
                .containsExactlyInAnyOrder("label-value-invalid Dockerfile:2:82", "label-not-in-schema Dockerfile:3:80");
    }

    @Test
    void trustedRegistryPatterns() throws IOException {
        String dockerfile = """
                FROM registry.example.com/base/python:3.12.7-slim AS build
                FROM eu.gcr.io/distroless/python3-debian12:nonroot
                COPY --from=build /usr/local/lib /usr/local/lib
                COPY --from=python:3.12.7-slim /usr/local/bin/python3 /usr/local/bin/
                """;

        assertThat(review(dockerfile, ReviewSettings.DEFAULT, new UntrustedRegistry())).isEmpty();
        assertThat(review(dockerfile, ReviewSettings.DEFAULT.withTrustedRegistries(List.of("*")),
                new UntrustedRegistry())).isEmpty();
        assertThat(review(dockerfile, ReviewSettings.DEFAULT.withTrustedRegistries(
                        List.of("registry.example.com", "*.gcr.io", "hub.docker.com")), new UntrustedRegistry()))
                .isEmpty();
        assertThat(review(dockerfile, ReviewSettings.DEFAULT.withTrustedRegistries(List.of("eu.gcr*")),
                new UntrustedRegistry()))
                .extracting(f -> f.location().line()).containsExactlyInAnyOrder(1, 4);
    }
}
