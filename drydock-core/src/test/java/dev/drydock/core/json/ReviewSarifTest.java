package dev.drydock.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.drydock.core.batch.BatchReviewer;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.ReviewSettings;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Rules;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewSarifTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCKERFILE = """
            FROM debian:12.8-slim
            RUN apt-get update \\
                && apt-get install -y \\
                    curl \\
                && rm -rf /var/lib/apt/lists/*
            USER nobody
            CMD ["sleep", "infinity"]
            """;

    @TempDir
    Path dir;

    @Test
    void theUnifyReviewValidatesAgainstTheSarifSchema() throws IOException {
        Review review = Reviewer.standard().review(new ProjectLoader().load(SharedData.resolve("examples/unify")));
        JsonNode log = sarif(review);

        assertThat(schemaErrors(log)).isEmpty();
        JsonNode run = log.get("runs").get(0);
        assertThat(run.at("/tool/driver/rules").size()).isEqualTo(Rules.all().size());
        assertThat(run.get("results").size()).isEqualTo(review.findings().size());
        assertThat(run.at("/originalUriBaseIds/SRCROOT/uri").asText()).startsWith("file:/").endsWith("/unify/");
    }

    @Test
    void theSchemaCatchesABrokenLog() throws IOException {
        JsonNode log = sarif(review(DOCKERFILE));
        ((com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0/results/0")).remove("message");
        ((com.fasterxml.jackson.databind.node.ObjectNode) log.at("/runs/0/results/1")).put("level", "fatal");

        assertThat(schemaErrors(log)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aFixedProjectValidatesToo() throws IOException {
        Review review = review(DOCKERFILE);
        JsonNode log = sarif(review);

        assertThat(schemaErrors(log)).isEmpty();
        assertThat(results(log)).anySatisfy(r -> assertThat(r.has("fixes")).isTrue());
    }

    @Test
    void everyRuleIsDescribedFromItsMetadata() throws IOException {
        JsonNode rules = sarif(review(DOCKERFILE)).at("/runs/0/tool/driver/rules");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        rules.forEach(r -> byId.put(r.get("id").asText(), r));

        for (Rule rule : Rules.all()) {
            RuleMetadata m = rule.metadata();
            JsonNode d = byId.get(m.id());
            assertThat(d).as(m.id()).isNotNull();
            assertThat(d.at("/shortDescription/text").asText()).isEqualTo(m.title());
            assertThat(d.at("/fullDescription/text").asText()).isEqualTo(m.checks());
            assertThat(d.at("/help/text").asText()).contains(m.problem(), m.impact(), m.recommendation());
            assertThat(d.at("/help/markdown").asText()).contains(m.recommendation());
            assertThat(d.at("/defaultConfiguration/level").asText()).isEqualTo(ReviewSarif.level(m.severity()));
            assertThat(d.at("/properties/category").asText()).isEqualTo(m.category().id());
            assertThat(d.at("/properties/security-severity").isMissingNode())
                    .isEqualTo(m.category() != dev.drydock.core.review.Category.SECURITY || m.severity() == Severity.INFO);
            if (!m.references().isEmpty() && m.references().get(0).startsWith("https://")) {
                assertThat(d.get("helpUri").asText()).isEqualTo(m.references().get(0));
            }
        }
    }

    @Test
    void severitiesMapToLevelsAndGitHubScores() {
        assertThat(ReviewSarif.level(Severity.CRITICAL)).isEqualTo("error");
        assertThat(ReviewSarif.level(Severity.HIGH)).isEqualTo("error");
        assertThat(ReviewSarif.level(Severity.MEDIUM)).isEqualTo("warning");
        assertThat(ReviewSarif.level(Severity.LOW)).isEqualTo("note");
        assertThat(ReviewSarif.level(Severity.INFO)).isEqualTo("note");
        assertThat(ReviewSarif.securitySeverity(Severity.CRITICAL)).isEqualTo("9.5");
        assertThat(ReviewSarif.securitySeverity(Severity.HIGH)).isEqualTo("8.0");
        assertThat(ReviewSarif.securitySeverity(Severity.MEDIUM)).isEqualTo("5.5");
        assertThat(ReviewSarif.securitySeverity(Severity.LOW)).isEqualTo("3.0");
    }

    @Test
    void aResultCarriesItsRuleLevelMessageAndRegion() throws IOException {
        Review review = review(DOCKERFILE);
        JsonNode log = sarif(review);
        JsonNode rules = log.at("/runs/0/tool/driver/rules");
        List<JsonNode> results = results(log);

        for (int i = 0; i < results.size(); i++) {
            Finding f = review.findings().get(i);
            JsonNode r = results.get(i);
            assertThat(r.get("ruleId").asText()).isEqualTo(f.ruleId());
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(f.ruleId());
            assertThat(r.get("level").asText()).isEqualTo(ReviewSarif.level(f.severity()));
            assertThat(r.at("/message/text").asText()).startsWith(f.message()).endsWith(f.effectiveRecommendation());
            JsonNode location = r.at("/locations/0/physicalLocation");
            assertThat(location.at("/artifactLocation/uriBaseId").asText()).isEqualTo("SRCROOT");
            if (f.location().span() != null) {
                assertThat(location.at("/region/startLine").asInt()).isEqualTo(f.location().span().startLine());
                assertThat(location.at("/region/startColumn").asInt()).isEqualTo(f.location().span().startColumn());
                assertThat(location.at("/region/endLine").asInt()).isEqualTo(f.location().span().endLine());
                assertThat(location.at("/region/endColumn").asInt()).isEqualTo(f.location().span().endColumn());
            }
        }
        JsonNode apt = result(log, "apt-no-install-recommends");
        assertThat(apt.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("Dockerfile");
        assertThat(apt.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    }

    @Test
    void aProjectWideFindingPointsAtTheProjectRootAndAWholeFileFindingHasNoRegion() throws IOException {
        Review base = review(DOCKERFILE);
        RuleMetadata rule = base.findings().get(0).rule();
        Review review = new Review(base.project(), List.of(
                new Finding(rule, Severity.HIGH, Location.PROJECT, "about the project", null, null, true),
                new Finding(rule, Severity.LOW, new Location("Dockerfile", null), "about the file", null, null, false)),
                List.of());
        JsonNode log = sarif(review);

        assertThat(schemaErrors(log)).isEmpty();
        JsonNode project = results(log).get(0).at("/locations/0/physicalLocation");
        assertThat(project.at("/artifactLocation/uri").asText()).isEqualTo(".");
        assertThat(project.has("region")).isFalse();
        JsonNode file = results(log).get(1).at("/locations/0/physicalLocation");
        assertThat(file.at("/artifactLocation/uri").asText()).isEqualTo("Dockerfile");
        assertThat(file.has("region")).isFalse();
        assertThat(results(log).get(1).get("level").asText()).isEqualTo("note");
    }

    @Test
    void fingerprintsSurviveALineShiftAndRegionsFollowIt() throws IOException {
        JsonNode before = sarif(review(DOCKERFILE));
        Path shifted = Files.createDirectories(dir.resolve("shifted"));
        Files.writeString(shifted.resolve("Dockerfile"), "# syntax=docker/dockerfile:1\n\n# the image\n" + DOCKERFILE);
        JsonNode after = sarif(Reviewer.standard().review(new ProjectLoader().load(shifted)));

        Map<String, String> fingerprintsBefore = fingerprints(before);
        Map<String, String> fingerprintsAfter = fingerprints(after);
        assertThat(fingerprintsBefore).isNotEmpty();
        fingerprintsBefore.forEach((rule, fingerprint) -> {
            if (fingerprintsAfter.containsKey(rule)) {
                assertThat(fingerprintsAfter.get(rule)).as(rule).isEqualTo(fingerprint);
            }
        });
        assertThat(result(after, "apt-no-install-recommends").at("/partialFingerprints/drydock~1v1").asText())
                .isEqualTo(result(before, "apt-no-install-recommends").at("/partialFingerprints/drydock~1v1").asText());
        assertThat(result(after, "apt-no-install-recommends").at("/locations/0/physicalLocation/region/startLine").asInt())
                .isEqualTo(6);
    }

    @Test
    void identicalExcerptsGetDistinctFingerprints() throws IOException {
        Review base = review(DOCKERFILE);
        RuleMetadata rule = base.findings().get(0).rule();
        SourceFile file = base.project().source("Dockerfile").orElseThrow();
        Finding one = new Finding(rule, Severity.HIGH, new Location("Dockerfile", file.lines(1, 1)), "m", "x  y", null, false);
        Finding two = new Finding(rule, Severity.HIGH, new Location("Dockerfile", file.lines(6, 6)), "m", "x y", null, false);
        JsonNode log = sarif(new Review(base.project(), List.of(one, two), List.of()));

        String first = results(log).get(0).at("/partialFingerprints/drydock~1v1").asText();
        String second = results(log).get(1).at("/partialFingerprints/drydock~1v1").asText();
        assertThat(first).endsWith(":1");
        assertThat(second).endsWith(":2");
        assertThat(first.substring(0, first.indexOf(':'))).isEqualTo(second.substring(0, second.indexOf(':')));
    }

    @Test
    void aFixBecomesReplacementsByCharacterOffset() throws IOException {
        Review review = review(DOCKERFILE);
        Finding apt = finding(review, "apt-no-install-recommends");
        JsonNode fix = result(sarif(review), "apt-no-install-recommends").at("/fixes/0");

        assertThat(fix.at("/description/text").asText()).isEqualTo(apt.fix().title());
        assertThat(fix.at("/properties/safety").asText()).isEqualTo(apt.fix().safety().id());
        JsonNode change = fix.at("/artifactChanges/0");
        assertThat(change.at("/artifactLocation/uri").asText()).isEqualTo("Dockerfile");
        assertThat(change.at("/artifactLocation/uriBaseId").asText()).isEqualTo("SRCROOT");
        assertThat(apply(DOCKERFILE, change.get("replacements")))
                .isEqualTo(apply(DOCKERFILE, apt.fix().edits()));
    }

    @Test
    void offsetsSkipTheByteOrderMarkAndInsertionsTakeTheFilesLineEnding() throws IOException {
        String text = "\uFEFFFROM debian:12.8-slim\r\nUSER nobody\r\n";
        Files.writeString(dir.resolve("Dockerfile"), text);
        Review base = Reviewer.standard().review(new ProjectLoader().load(dir));
        RuleMetadata rule = base.findings().get(0).rule();
        SourceFile file = base.project().source("Dockerfile").orElseThrow();
        int user = text.indexOf("USER");
        Fix fix = Fix.of("add a label", FixSafety.SAFE, TextEdit.insert("Dockerfile", user, "LABEL a=b\n"),
                TextEdit.replace("Dockerfile", 1, 5, "from"));
        Finding finding = new Finding(rule, Severity.MEDIUM, new Location("Dockerfile", file.span(1, 5)), "m", null, null,
                false, fix);
        JsonNode result = results(sarif(new Review(base.project(), List.of(finding), List.of()))).get(0);

        assertThat(result.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(1);
        assertThat(result.at("/locations/0/physicalLocation/region/endColumn").asInt()).isEqualTo(5);
        JsonNode replacements = result.at("/fixes/0/artifactChanges/0/replacements");
        assertThat(replacements.get(0).at("/deletedRegion/charOffset").asInt()).isEqualTo(0);
        assertThat(replacements.get(0).at("/deletedRegion/charLength").asInt()).isEqualTo(4);
        assertThat(replacements.get(1).at("/deletedRegion/charOffset").asInt()).isEqualTo(user - 1);
        assertThat(replacements.get(1).at("/deletedRegion/charLength").asInt()).isEqualTo(0);
        assertThat(replacements.get(1).at("/insertedContent/text").asText()).isEqualTo("LABEL a=b\r\n");
        assertThat(apply(text.substring(1), replacements)).isEqualTo("from debian:12.8-slim\r\nLABEL a=b\r\nUSER nobody\r\n");
    }

    @Test
    void pathsAreRelativeUriReferences() {
        assertThat(ReviewSarif.uri("services/api/Dockerfile")).isEqualTo("services/api/Dockerfile");
        assertThat(ReviewSarif.uri("my app/Dockerfile")).isEqualTo("my%20app/Dockerfile");
        assertThat(ReviewSarif.uri("c:d/Dockerfile")).isEqualTo("./c:d/Dockerfile");
        assertThat(ReviewSarif.pascalCase("apt-no-install-recommends")).isEqualTo("AptNoInstallRecommends");
    }

    @Test
    void aBatchStreamsOneValidLogWithEachProjectsFolder() throws IOException {
        for (String name : List.of("api", "worker")) {
            Files.createDirectories(dir.resolve(name));
            Files.writeString(dir.resolve(name).resolve("Dockerfile"), DOCKERFILE.replace("USER nobody\n", ""));
        }
        StringWriter out = new StringWriter();
        try (SarifLog log = new SarifLog(out, "test", List.of(), dir.toUri())) {
            new BatchReviewer().review(List.of(dir.resolve("api"), dir.resolve("worker")), log);
        }
        JsonNode log = JSON.readTree(out.toString());

        assertThat(schemaErrors(log)).isEmpty();
        List<String> files = results(log).stream()
                .map(r -> r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).distinct().toList();
        assertThat(files).anyMatch(f -> f.endsWith("api/Dockerfile")).anyMatch(f -> f.endsWith("worker/Dockerfile"));
        JsonNode rules = log.at("/runs/0/tool/driver/rules");
        for (JsonNode r : results(log)) {
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
        }
        assertThat(log.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isTrue();
    }

    @Test
    void findingsSetApartAreResultsWithTheirSuppression() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"),
                DOCKERFILE.replace("RUN apt-get", "# drydock ignore=apt-no-install-recommends\nRUN apt-get"));
        ReviewSettings settings = ReviewSettings.DEFAULT.withIgnoredRules(Set.of("oci-labels-missing"));
        Review review = Reviewer.standard(settings).review(new ProjectLoader().load(dir));
        JsonNode log = sarif(review);

        assertThat(schemaErrors(log)).isEmpty();
        assertThat(results(log)).hasSize(review.findings().size() + review.suppressed().size());
        assertThat(result(log, "apt-no-install-recommends").at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(result(log, "oci-labels-missing").at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(results(log).stream().filter(r -> r.has("suppressions")).count())
                .isEqualTo(review.suppressed().size());
    }

    @Test
    void aGroupedFindingIsOneResultWithItsOtherPlacesAsRelatedLocationsLinkedFromTheMessage() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  grafana:
                    image: grafana/grafana:11.2.0
                    environment:
                      GF_SECURITY_ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
                  caddy:
                    image: caddy:2.8.4
                    environment:
                      ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
                """);
        Review review = Reviewer.standard().review(new ProjectLoader().load(dir));
        JsonNode log = sarif(review);

        assertThat(schemaErrors(log)).isEmpty();
        assertThat(results(log)).hasSize(review.findings().size());
        assertThat(results(log).stream().filter(r -> r.get("ruleId").asText().equals("default-secret"))).hasSize(1);
        JsonNode secret = result(log, "default-secret");
        // code scanning marks only the first location: the others are related locations, not more locations
        assertThat(secret.get("locations")).hasSize(1);
        assertThat(secret.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(5);
        JsonNode related = secret.get("relatedLocations");
        assertThat(related).hasSize(1);
        assertThat(related.at("/0/id").asInt()).isEqualTo(1);
        assertThat(related.at("/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("compose.yaml");
        assertThat(related.at("/0/physicalLocation/region/startLine").asInt()).isEqualTo(9);
        assertThat(related.at("/0/message/text").asText()).isNotEmpty();
        assertThat(secret.at("/message/text").asText()).contains("\n\nAlso at [compose.yaml:9](1).\n\n");
        assertThat(secret.at("/partialFingerprints").size()).isEqualTo(1);
        // a finding at one place has none
        assertThat(results(log).stream().filter(r -> !r.get("ruleId").asText().equals("default-secret")))
                .noneMatch(r -> r.has("relatedLocations"));
    }

    private Review review(String dockerfile) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return Reviewer.standard().review(new ProjectLoader().load(dir));
    }

    private static JsonNode sarif(Review review) throws IOException {
        StringWriter out = new StringWriter();
        ReviewSarif.write(review, "test", out);
        return JSON.readTree(out.toString());
    }

    private static List<String> schemaErrors(JsonNode log) throws IOException {
        try (InputStream schema = ReviewSarifTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(JSON.readTree(schema), config);
            Set<ValidationMessage> errors = validator.validate(log);
            return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
        }
    }

    private static List<JsonNode> results(JsonNode log) {
        List<JsonNode> results = new ArrayList<>();
        log.at("/runs/0/results").forEach(results::add);
        return results;
    }

    private static JsonNode result(JsonNode log, String rule) {
        return results(log).stream().filter(r -> r.get("ruleId").asText().equals(rule)).findFirst().orElseThrow();
    }

    private static Finding finding(Review review, String rule) {
        return review.findings().stream().filter(f -> f.ruleId().equals(rule)).findFirst().orElseThrow();
    }

    private static Map<String, String> fingerprints(JsonNode log) {
        return results(log).stream().collect(Collectors.toMap(r -> r.get("ruleId").asText() + "#"
                + r.at("/partialFingerprints/drydock~1v1").asText().replaceAll(".*:", ""),
                r -> r.at("/partialFingerprints/drydock~1v1").asText(), (a, b) -> a));
    }

    /** Applies SARIF replacements (offsets into the original text) from the last to the first. */
    private static String apply(String text, JsonNode replacements) {
        StringBuilder out = new StringBuilder(text);
        List<JsonNode> ordered = new ArrayList<>();
        replacements.forEach(ordered::add);
        ordered.sort(java.util.Comparator.comparingInt((JsonNode r) -> r.at("/deletedRegion/charOffset").asInt()).reversed());
        for (JsonNode r : ordered) {
            int start = r.at("/deletedRegion/charOffset").asInt();
            out.replace(start, start + r.at("/deletedRegion/charLength").asInt(), r.at("/insertedContent/text").asText(""));
        }
        return out.toString();
    }

    private static String apply(String text, List<TextEdit> edits) {
        StringBuilder out = new StringBuilder(text);
        edits.stream().sorted(java.util.Comparator.comparingInt(TextEdit::start).reversed())
                .forEach(e -> out.replace(e.start(), e.end(), e.replacement()));
        return out.toString();
    }
}
