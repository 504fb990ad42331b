package dev.drydock.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.DeclinedChecks;
import dev.drydock.core.review.Rules;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * drydock covers the checks of the linters its users compare it with (the lists in {@code shared/reference/}
 * and the KICS fixtures): each check's id or name is the alias of a drydock rule, or a check drydock declines
 * with its reason ({@link DeclinedChecks}). {@code drydock rules DL3008} finds the rule by the same alias.
 */
class OtherToolsCoverageTest {

    static final Path REFERENCE = SharedData.resolve("reference");

    @Test
    void everyHadolintRule() throws IOException {
        Set<String> ids = matches(Files.readString(REFERENCE.resolve("hadolint-rules.md")), "^\\| (DL\\d{4}) \\|");
        assertThat(ids).hasSizeGreaterThan(60);
        assertThat(uncovered(ids)).as("hadolint rules without a drydock rule or a declined reason").isEmpty();
    }

    @Test
    void everyBuildKitCheck() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (var pages = Files.list(REFERENCE.resolve("buildkit-checks"))) {
            for (Path page : pages.filter(p -> !p.getFileName().toString().startsWith("_")
                    && p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                names.addAll(matches(Files.readString(page), "^title: ([A-Za-z]+)$"));
            }
        }
        names.add("InvalidBaseImagePlatform"); // in Docker's list of checks, without a page of its own here
        assertThat(names).hasSize(22);
        assertThat(uncovered(names)).as("BuildKit checks without a drydock rule or a declined reason").isEmpty();
    }

    @Test
    void everyTrivyAndCheckovDockerfileCheck() throws IOException {
        String concepts = Files.readString(REFERENCE.resolve("scanner-concepts.md"));
        Set<String> ids = matches(concepts, "(DS-\\d{4}|CKV_DOCKER_\\d+|CKV2_DOCKER_\\d+)");
        Matcher ranges = Pattern.compile("CKV2_DOCKER_((?:\\d+, )+\\d+)").matcher(concepts);
        while (ranges.find()) {
            for (String n : ranges.group(1).split(", ")) {
                ids.add("CKV2_DOCKER_" + n);
            }
        }
        assertThat(uncovered(ids)).as("Trivy and Checkov checks without a drydock rule or a declined reason")
                .isEmpty();
    }

    @Test
    void everyKicsQuery() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(SharedData.resolve("conformance/kics/INDEX.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            names.add(line.split("\t")[3]);
        }
        assertThat(names).hasSizeGreaterThan(60);
        assertThat(uncovered(names)).as("KICS queries without a drydock rule or a declined reason").isEmpty();
    }

    @Test
    void everyAliasFindsARuleThatCarriesIt() {
        List<String> lost = new ArrayList<>();
        for (var rule : Rules.all()) {
            for (String alias : rule.metadata().aliases()) {
                var found = Rules.find(alias);
                if (found.isEmpty() || found.get().metadata().aliases().stream().noneMatch(alias::equalsIgnoreCase)
                        || Rules.all().stream().anyMatch(r -> r.id().equalsIgnoreCase(alias))) {
                    lost.add(rule.id() + ": " + alias);
                }
            }
        }
        assertThat(lost).as("aliases that do not lead to a rule carrying them").isEmpty();
    }

    private static List<String> uncovered(Set<String> checks) {
        List<String> out = new ArrayList<>();
        for (String check : checks) {
            if (Rules.find(check).isEmpty() && DeclinedChecks.find(check).isEmpty()) {
                out.add(check);
            }
        }
        return out;
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
