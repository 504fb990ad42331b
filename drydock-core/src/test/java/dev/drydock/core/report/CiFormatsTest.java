package dev.drydock.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.core.json.ReviewGitlab;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Reviewer;
import dev.drydock.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI formats: checkstyle and JUnit XML, GitLab Code Quality and GitHub Actions annotations, and how each
 * shows a finding written at several places.
 */
class CiFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCKERFILE = """
            FROM python:3.12-slim
            ENV GREETING="a <b> & \u0001c"
            COPY . /app
            CMD python /app/app.py
            """;

    @TempDir
    Path dir;

    @Test
    void checkstyleIsWellFormedWithOneErrorPerPlaceOfAFinding() throws Exception {
        Review review = unify();
        Document xml = parse(write(w -> ReviewCheckstyle.write(review, "", w)));

        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("checkstyle");
        NodeList errors = xml.getElementsByTagName("error");
        assertThat(errors.getLength()).isEqualTo(review.findings().stream().mapToInt(f -> f.places().size()).sum());
        Element first = (Element) errors.item(0);
        assertThat(first.getAttribute("source")).startsWith("drydock.");
        assertThat(first.getAttribute("severity")).isIn("error", "warning", "info");
        assertThat(((Element) first.getParentNode()).getAttribute("name")).isNotEmpty();
    }

    @Test
    void junitCountsAFailurePerFindingAndAPassWhenThereIsNone() throws Exception {
        Review review = unify();
        Document xml = parse(write(w -> ReviewJunit.write(review, "", w)));
        Element suites = xml.getDocumentElement();
        assertThat(suites.getAttribute("failures")).isEqualTo(String.valueOf(review.findings().size()));
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(review.findings().size());
        int perSuite = 0;
        NodeList list = xml.getElementsByTagName("testsuite");
        for (int i = 0; i < list.getLength(); i++) {
            perSuite += Integer.parseInt(((Element) list.item(i)).getAttribute("failures"));
        }
        assertThat(perSuite).isEqualTo(review.findings().size());

        Document clean = parse(write(w -> ReviewJunit.write(new Review(null, List.of(), List.of()), "", w)));
        assertThat(clean.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(clean.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void xmlDropsCharactersXmlCannotHoldAndEscapesMarkup() throws Exception {
        Review review = review(DOCKERFILE);
        String text = write(w -> ReviewJunit.write(review, "svc/", w));
        Document xml = parse(text);
        assertThat(text).doesNotContain("\u0001");
        assertThat(((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("name")).startsWith("svc/");
    }

    @Test
    void gitlabIssuesHaveTheRequiredFieldsAndStableUniqueFingerprints() throws Exception {
        JsonNode issues = JSON.readTree(write(w -> ReviewGitlab.write(review(DOCKERFILE), "", w)));
        assertThat(issues.isArray()).isTrue();
        assertThat(issues.size()).isPositive();
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode issue : issues) {
            assertThat(issue.get("description").asText()).isNotEmpty();
            assertThat(issue.get("check_name").asText()).isNotEmpty();
            assertThat(issue.get("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
            assertThat(issue.at("/location/path").asText()).isNotEmpty();
            assertThat(issue.at("/location/lines/begin").asInt()).isPositive();
            assertThat(fingerprints.add(issue.get("fingerprint").asText())).as("unique fingerprint").isTrue();
        }

        // the same review again, and after a comment line pushed everything down: the same fingerprints
        JsonNode again = JSON.readTree(write(w -> ReviewGitlab.write(review(DOCKERFILE), "", w)));
        JsonNode shifted = JSON.readTree(write(w -> ReviewGitlab.write(review("# syntax check\n" + DOCKERFILE), "", w)));
        assertThat(fingerprintsOf(again)).isEqualTo(fingerprintsOf(issues));
        assertThat(fingerprintsOf(shifted)).containsAll(fingerprintsOf(issues));
    }

    @Test
    void githubAnnotationsAreOneEscapedCommandPerFinding() throws Exception {
        Review review = review(DOCKERFILE);
        String text = write(w -> ReviewGithub.write(review, "services/api/", w));
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(review.findings().size());
        // a finding about the project as a whole (no CI: no image scan) has no file: the run shows it
        assertThat(lines).allMatch(l -> l.matches("::(error|warning|notice) (file=services/api/Dockerfile,.*)?title=[^:]*::.+"));
        assertThat(text).doesNotContain("\r");
        assertThat(lines).anyMatch(l -> l.startsWith("::error file=services/api/Dockerfile,line=1,endLine=1,col="));
    }

    /** One default-secret finding written for two services: lines 5 and 9. */
    private static final String SHARED_FALLBACK = """
            services:
              grafana:
                image: grafana/grafana:11.2.0
                environment:
                  GF_SECURITY_ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
              caddy:
                image: caddy:2.8.4
                environment:
                  ADMIN_PASSWORD: ${ADMIN_PASSWORD:-admin}
            """;

    private static final String BOTH_PLACES = "One finding at 2 places: svc/compose.yaml:5 and svc/compose.yaml:9.";

    @Test
    void aGroupedFindingIsOneFindingWithItsOtherPlaces() throws Exception {
        Review review = sharedFallback();
        Finding secret = defaultSecret(review);
        assertThat(secret.location().line()).isEqualTo(5);
        assertThat(secret.otherPlaces()).extracting(Location::line).containsExactly(9);
        assertThat(review.findings().stream().filter(f -> f.ruleId().equals("default-secret"))).hasSize(1);
    }

    @Test
    void checkstyleHasAnErrorAtEachPlaceOfAGroupedFinding() throws Exception {
        Document xml = parse(write(w -> ReviewCheckstyle.write(sharedFallback(), "svc/", w)));
        List<Element> errors = elements(xml, "error").stream()
                .filter(e -> e.getAttribute("source").equals("drydock.default-secret")).toList();
        assertThat(errors).extracting(e -> e.getAttribute("line")).containsExactly("5", "9");
        assertThat(errors).allMatch(e -> e.getAttribute("message").contains(BOTH_PLACES));
    }

    @Test
    void githubAnnotatesEachPlaceOfAGroupedFinding() throws Exception {
        List<String> lines = write(w -> ReviewGithub.write(sharedFallback(), "svc/", w)).lines()
                .filter(l -> l.contains("(drydock default-secret)")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("::error file=svc/compose.yaml,line=5,endLine=5,");
        assertThat(lines.get(1)).startsWith("::error file=svc/compose.yaml,line=9,endLine=9,");
        assertThat(lines).allMatch(l -> l.contains(BOTH_PLACES));
    }

    @Test
    void gitlabHasAnIssueWithItsOwnFingerprintAtEachPlaceOfAGroupedFinding() throws Exception {
        JsonNode issues = JSON.readTree(write(w -> ReviewGitlab.write(sharedFallback(), "svc/", w)));
        List<JsonNode> secret = new ArrayList<>();
        issues.forEach(i -> {
            if (i.get("check_name").asText().equals("default-secret")) {
                secret.add(i);
            }
        });
        assertThat(secret).extracting(i -> i.at("/location/lines/begin").asInt()).containsExactly(5, 9);
        assertThat(secret).allMatch(i -> i.get("description").asText().endsWith(BOTH_PLACES));
        String first = secret.get(0).get("fingerprint").asText();
        assertThat(secret.get(1).get("fingerprint").asText()).isEqualTo(first + "/2");
        assertThat(fingerprintsOf(issues)).doesNotHaveDuplicates();
    }

    @Test
    void junitCountsAGroupedFindingOnceAndNamesEachPlace() throws Exception {
        Review review = sharedFallback();
        Document xml = parse(write(w -> ReviewJunit.write(review, "svc/", w)));
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo(String.valueOf(review.findings().size()));
        List<Element> secret = elements(xml, "testcase").stream()
                .filter(e -> e.getAttribute("name").startsWith("default-secret ")).toList();
        assertThat(secret).hasSize(1);
        assertThat(secret.get(0).getAttribute("name")).isEqualTo("default-secret at svc/compose.yaml:5:35");
        Element failure = (Element) secret.get(0).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).endsWith(BOTH_PLACES);
        assertThat(failure.getTextContent()).contains(BOTH_PLACES);
    }

    @Test
    void githubEscapesDataAndProperties() {
        assertThat(ReviewGithub.data("100% done\r\nnext: a, b")).isEqualTo("100%25 done%0D%0Anext: a, b");
        assertThat(ReviewGithub.property("100% done\nnext: a, b")).isEqualTo("100%25 done%0Anext%3A a%2C b");
    }

    @Test
    void thePathPrefixIsTheReviewedFolderAsGiven() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
        assertThat(ReviewGithub.pathPrefix(Path.of("."))).isEmpty();
        assertThat(ReviewGithub.pathPrefix(Path.of("services/api"))).isEqualTo("services/api/");
        assertThat(ReviewGithub.pathPrefix(Path.of("./services/api/"))).isEqualTo("services/api/");
        assertThat(ReviewGithub.pathPrefix(dir.resolve("Dockerfile"))).isEqualTo(dir.toString().replace('\\', '/') + "/");
    }

    private static List<String> fingerprintsOf(JsonNode issues) {
        List<String> all = new ArrayList<>();
        issues.forEach(i -> all.add(i.get("fingerprint").asText()));
        return all;
    }

    private Review review(String dockerfile) throws IOException {
        Path project = Files.createTempDirectory(dir, "p");
        Files.writeString(project.resolve("Dockerfile"), dockerfile);
        return Reviewer.standard().review(new ProjectLoader().load(project));
    }

    private Review sharedFallback() throws IOException {
        Path project = Files.createTempDirectory(dir, "p");
        Files.writeString(project.resolve("compose.yaml"), SHARED_FALLBACK);
        return Reviewer.standard().review(new ProjectLoader().load(project));
    }

    private static Finding defaultSecret(Review review) {
        return review.findings().stream().filter(f -> f.ruleId().equals("default-secret")).findFirst().orElseThrow();
    }

    private static List<Element> elements(Document xml, String tag) {
        NodeList list = xml.getElementsByTagName(tag);
        List<Element> all = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            all.add((Element) list.item(i));
        }
        return all;
    }

    private static Review unify() {
        return Reviewer.standard().review(new ProjectLoader().load(SharedData.resolve("examples/unify")));
    }

    private interface Output {
        void to(StringWriter writer) throws IOException;
    }

    private static String write(Output output) throws IOException {
        StringWriter text = new StringWriter();
        output.to(text);
        return text.toString();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
