package dev.drydock.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.project.Project;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.ReviewSettings;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reviewer does with the settings: exclusions, suppressions, severities; what the fixes then do. */
class ConfiguredReviewTest {

    private static final String ROOT_IMAGE = "FROM alpine:3.20.3\nCMD [\"sleep\", \"1\"]\n";

    @TempDir
    Path dir;

    private Review review(ReviewSettings settings) {
        DrydockConfig config = new DrydockConfig(null, settings, null);
        return config.reviewer().review(config.loader().load(dir));
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + "@" + f.location().file()).toList();
    }

    @Test
    void excludedPathsAreNeitherReadNorReported() throws IOException {
        Files.createDirectories(dir.resolve("legacy"));
        Files.writeString(dir.resolve("legacy/Dockerfile"), ROOT_IMAGE);
        Files.writeString(dir.resolve("Dockerfile"), ROOT_IMAGE);
        ReviewSettings settings = ReviewSettings.DEFAULT.withExcludedPaths(List.of("legacy/"));
        DrydockConfig config = new DrydockConfig(null, settings, null);
        Project project = config.loader().load(dir);
        assertThat(project.dockerfiles()).containsOnlyKeys("Dockerfile");
        Review review = config.reviewer().review(project);
        assertThat(rules(review.findings())).contains("runs-as-root@Dockerfile").noneMatch(r -> r.endsWith("legacy/Dockerfile"));
        assertThat(review.suppressed()).isEmpty();
    }

    @Test
    void excludedPathsAreRelativeToTheFolderOfTheConfigurationFile() throws IOException {
        Path api = dir.resolve("services/api");
        Files.createDirectories(api.resolve("legacy"));
        Files.createDirectories(api.resolve("tools"));
        Files.writeString(api.resolve("legacy/Dockerfile"), ROOT_IMAGE);
        Files.writeString(api.resolve("tools/Dockerfile"), ROOT_IMAGE);
        Files.writeString(api.resolve("Dockerfile"), ROOT_IMAGE);
        Files.writeString(dir.resolve(".drydock.yaml"), "exclude: [services/api/legacy/, \"**/tools/\"]\n");

        DrydockConfig found = ConfigFiles.forProject(api);
        assertThat(found.file()).isEqualTo("../../.drydock.yaml");
        Project project = found.loader().load(api);
        assertThat(project.dockerfiles()).containsOnlyKeys("Dockerfile");

        DrydockConfig given = ConfigFiles.read(dir.resolve(".drydock.yaml"), api.resolve("legacy"));
        assertThat(given.loader().load(api.resolve("legacy")).dockerfiles()).isEmpty();
    }

    @Test
    void excludedPathsOfAConfigurationBesideTheProjectAreRelativeToTheProjectRoot() throws IOException {
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("legacy"));
        Files.writeString(app.resolve("legacy/Dockerfile"), ROOT_IMAGE);
        Files.writeString(app.resolve("Dockerfile"), ROOT_IMAGE);
        Files.createDirectories(dir.resolve("ci"));
        Files.writeString(dir.resolve("ci/drydock.yaml"), "exclude: [/legacy/]\n");
        DrydockConfig given = ConfigFiles.read(dir.resolve("ci/drydock.yaml"), app);
        assertThat(given.loader().load(app).dockerfiles()).containsOnlyKeys("Dockerfile");
    }

    @Test
    void ignoredRulesAndCommentsSuppressAndSeveritiesReplace() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "# drydock ignore=DL3002\n" + ROOT_IMAGE);
        Review commented = review(ReviewSettings.DEFAULT);
        assertThat(rules(commented.findings())).doesNotContain("runs-as-root@Dockerfile");
        assertThat(rules(commented.suppressed())).containsExactly("runs-as-root@Dockerfile");

        Review ignoringComments = review(ReviewSettings.DEFAULT.withPragmas(false)
                .withSeverities(Map.of("runs-as-root", Severity.LOW)));
        Finding rootUser = ignoringComments.findings().stream().filter(f -> f.ruleId().equals("runs-as-root")).findFirst()
                .orElseThrow();
        assertThat(rootUser.severity()).isEqualTo(Severity.LOW);
        assertThat(ignoringComments.suppressed()).isEmpty();

        Review ignored = review(ReviewSettings.DEFAULT.withPragmas(false).withIgnoredRules(Set.of("runs-as-root")));
        assertThat(rules(ignored.suppressed())).containsExactly("runs-as-root@Dockerfile");
        assertThat(ignored.strengths()).noneMatch(s -> s.ruleId().equals("runs-as-root"));
    }

    @Test
    void theFixOfASuppressedFindingIsNotApplied() throws IOException {
        String compose = "version: \"3.9\"\nservices:\n  web:\n    image: nginx:1.27.3\n";
        Files.writeString(dir.resolve("compose.yaml"), "# hadolint global ignore=compose-version-obsolete\n" + compose);
        DrydockConfig config = new DrydockConfig(null, ReviewSettings.DEFAULT, null);
        var result = config.fixEngine().fix(dir, dev.drydock.core.fix.FixOptions.safeOnly()
                .onlyRules(Set.of("compose-version-obsolete")));
        assertThat(result.changes()).isEmpty();
        Files.writeString(dir.resolve("compose.yaml"), compose);
        assertThat(config.fixEngine().fix(dir, dev.drydock.core.fix.FixOptions.safeOnly()
                .onlyRules(Set.of("compose-version-obsolete"))).changes()).hasSize(1);
    }
}
