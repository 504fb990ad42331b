package dev.drydock.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.review.ReviewSettings;
import dev.drydock.core.review.Severity;
import dev.drydock.core.review.UnknownRuleName;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    private static DrydockConfig drydock(String yaml) {
        return DrydockConfigReader.read(SourceFile.of(".drydock.yaml", yaml), ".drydock.yaml", "");
    }

    private static DrydockConfig hadolint(String yaml) {
        return HadolintConfigReader.read(SourceFile.of(".hadolint.yaml", yaml), ".hadolint.yaml");
    }

    private static String error(String yaml) {
        try {
            drydock(yaml);
        } catch (SourceException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + yaml);
    }

    @Test
    void everyKeyIsRead() {
        DrydockConfig config = drydock("""
                ignore: [DL3015, from-as-casing]
                severity:
                  runs-as-root: medium
                  log-rotation: off
                trusted-registries: [docker.io, "*.gcr.io"]
                label-schema:
                  org.opencontainers.image.version: semver
                  maintainer:
                strict-labels: true
                fail-on: low
                exclude: [legacy/, "**/testdata/"]
                """);
        ReviewSettings s = config.settings();
        assertThat(s.ignoredRules()).containsExactlyInAnyOrder("apt-no-install-recommends", "from-as-casing", "log-rotation");
        assertThat(s.severities()).isEqualTo(Map.of("runs-as-root", Severity.MEDIUM));
        assertThat(s.trustedRegistries()).containsExactly("docker.io", "*.gcr.io");
        assertThat(s.labelSchema()).isEqualTo(Map.of("org.opencontainers.image.version", "semver", "maintainer", "text"));
        assertThat(s.strictLabels()).isTrue();
        assertThat(s.excludedPaths().patterns()).containsExactly("legacy/", "**/testdata/");
        assertThat(s.pragmas()).isTrue();
        assertThat(config.failOn().severity()).isEqualTo(Severity.LOW);
        assertThat(drydock("fail-on: none\n").failOn()).isEqualTo(DrydockConfig.NEVER);
        assertThat(drydock("").settings().ignoredRules()).isEmpty();
    }

    @Test
    void errorsSayWhere() {
        assertThat(error("ignored: [DL3015]\n")).startsWith(".drydock.yaml:1:1: unknown key ignored");
        assertThat(error("severity:\n  runs-as-root: loud\n")).isEqualTo(".drydock.yaml:2:17: unknown severity loud"
                + " (critical, high, medium, low, info; off in severity, none in fail-on)");
        assertThat(error("strict-labels: yes please\n")).startsWith(".drydock.yaml:1:16: strict-labels must be true or false");
        assertThat(error("label-schema:\n  version: number\n")).startsWith(".drydock.yaml:2:12: unknown label type number");
        assertThat(error("ignore: {a: b}\n")).startsWith(".drydock.yaml:1:9: ignore must be a list");
        assertThat(error("- ignore\n")).startsWith(".drydock.yaml:1:1: the configuration must be a mapping");
        assertThat(error("ignore: [a\n")).startsWith(".drydock.yaml:2:1: YAML syntax error");
        assertThat(error("fail-on: high\nfail-on: low\n")).isEqualTo(".drydock.yaml:2:1: fail-on is already set on line 1");
    }

    @Test
    void aConfigurationThatIsNoRegularFileIsRefusedWithoutReadingIt() throws IOException {
        assertThatThrownBy(() -> ConfigFiles.read(Path.of("/dev/zero"), dir))
                .isInstanceOf(SourceException.class).hasMessage("/dev/zero: not a regular file");
        assertThatThrownBy(() -> ConfigFiles.read(dir, dir))
                .isInstanceOf(SourceException.class).hasMessageEndingWith(": is a directory");
        Path large = dir.resolve("large.drydock.yaml");
        Files.writeString(large, "#".repeat((int) ConfigFiles.MAX_BYTES + 1));
        assertThatThrownBy(() -> ConfigFiles.read(large, dir))
                .isInstanceOf(SourceException.class).hasMessageEndingWith("larger than 4 MiB: not a configuration file");
    }

    @Test
    void unknownRuleNamesAreKeptWithTheirPlace() {
        DrydockConfig config = drydock("ignore:\n  - DL3015\n  - DL9999\nseverity:\n  no-such-rule: low\n");
        assertThat(config.settings().unknownRuleNames()).extracting(UnknownRuleName::name).containsExactly("DL9999",
                "no-such-rule");
        UnknownRuleName first = config.settings().unknownRuleNames().get(0);
        assertThat(first.location().toString()).isEqualTo(".drydock.yaml:3:5");
        assertThat(first.line()).isEqualTo("  - DL9999");
        assertThat(first.where()).isEqualTo("ignore in .drydock.yaml");
    }

    @Test
    void hadolintSettingsMapToDrydocks() {
        DrydockConfig config = hadolint("""
                ignored: [DL3015]
                override:
                  style: [DL3002, DL3006]
                  error: [DL3002]
                  info: [DL3007]
                trustedRegistries: docker.io
                label-schema: {author: text}
                strict-labels: false
                failure-threshold: warning
                format: json
                no-color: true
                """);
        ReviewSettings s = config.settings();
        assertThat(s.ignoredRules()).containsExactly("apt-no-install-recommends");
        assertThat(s.severities()).containsEntry("runs-as-root", Severity.HIGH).containsEntry("unpinned-base-image",
                Severity.LOW);
        assertThat(s.trustedRegistries()).containsExactly("docker.io");
        assertThat(s.labelSchema()).isEqualTo(Map.of("author", "text"));
        assertThat(config.failOn().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(hadolint("failure-threshold: none\n").failOn().severity()).isEqualTo(Severity.INFO);
        assertThat(hadolint("failure-threshold: error\nno-fail: true\n").failOn()).isEqualTo(DrydockConfig.NEVER);
        assertThat(hadolint("disable-ignore-pragma: true\n").settings().pragmas()).isFalse();
        assertThatThrownBy(() -> hadolint("override:\n  fatal: [DL3002]\n")).hasMessageStartingWith(
                ".hadolint.yaml:2:3: unknown level fatal");
    }

    @Test
    void theSearchGoesUpToTheRepositoryRootAndPrefersDrydocksFile() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectory(repo.resolve(".git"));
        Path service = Files.createDirectories(repo.resolve("services/api"));
        Files.writeString(dir.resolve(".drydock.yaml"), "fail-on: none\n"); // above the repository: not read
        assertThat(ConfigFiles.find(service)).isEmpty();
        Files.writeString(service.resolve(".hadolint.yaml"), "ignored: [DL3015]\n");
        assertThat(ConfigFiles.find(service)).contains(service.resolve(".hadolint.yaml"));
        Files.writeString(repo.resolve(".drydock.yml"), "ignore: [DL3002]\n");
        assertThat(ConfigFiles.find(service)).contains(repo.resolve(".drydock.yml"));
        DrydockConfig config = ConfigFiles.forProject(service);
        assertThat(config.file()).isEqualTo("../../.drydock.yml");
        assertThat(config.settings().ignoredRules()).containsExactly("runs-as-root");
        Files.writeString(service.resolve("Dockerfile"), "FROM debian:12.7-slim\n");
        assertThat(ConfigFiles.find(service.resolve("Dockerfile"))).as("for a file, from its folder")
                .contains(repo.resolve(".drydock.yml"));
    }
}
