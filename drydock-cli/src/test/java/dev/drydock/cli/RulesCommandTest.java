package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RulesCommandTest {

    @Test
    void listsEveryRuleWithSeverityAndTitle() {
        CliRun run = CliRun.of("rules");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("runs-as-root").contains("critical").contains("Container runs as root")
                .contains("DL3002");
        assertThat(run.out().lines().count()).isEqualTo(dev.drydock.core.review.Rules.all().size() + 1);
    }

    @Test
    void listsEveryRuleAsJson() throws Exception {
        CliRun run = CliRun.of("rules", "--format", "json");
        var rules = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(rules.size()).isEqualTo(dev.drydock.core.review.Rules.all().size());
        var first = rules.get(0);
        for (String field : new String[] {"id", "title", "severity", "category", "aliases", "fix", "fixable", "summary"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
    }

    @Test
    void explainsARuleFoundByAnAlias() {
        CliRun run = CliRun.of("rules", "DL3002");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("runs-as-root: Container runs as root").contains("Recommendation:")
                .contains("Bad Dockerfile:").contains("Good Dockerfile:").contains("    USER app");
    }

    @Test
    void explainsARuleWithTheFilesBesideItsExample() {
        CliRun run = CliRun.of("rules", "layer-caching");
        assertThat(run.out()).contains("Beside it, requirements.txt:").contains("    flask==");
    }

    @Test
    void explainsOneRuleAsJson() throws Exception {
        CliRun run = CliRun.of("rules", "FromAsCasing", "--format", "json");
        var rule = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(rule.get("id").asText()).isEqualTo("from-as-casing");
        assertThat(rule.get("fixable").asBoolean()).isTrue();
        assertThat(rule.at("/examples/0/file").asText()).isEqualTo("Dockerfile");
        assertThat(rule.at("/examples/0/bad").asText()).contains(" as builder");
        assertThat(rule.at("/examples/0/alongside").isObject()).isTrue();
    }

    @Test
    void anUnknownRuleIsAnInputError() {
        CliRun run = CliRun.of("rules", "no-such-rule");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("drydock: no-such-rule: no rule has this id or alias").hasLineCount(1);
    }

    @Test
    void aDeclinedCheckSaysWhy() {
        CliRun run = CliRun.of("rules", "InvalidBaseImagePlatform");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("drydock: InvalidBaseImagePlatform: BuildKit's check, which drydock declines:")
                .contains("registry").hasLineCount(1);
    }

    @Test
    void hadolintAndBuildKitNamesFindTheirRule() {
        assertThat(CliRun.of("rules", "DL3008").out()).startsWith("os-packages-unpinned:");
        assertThat(CliRun.of("rules", "JSONArgsRecommended").out()).startsWith("json-args-recommended:");
    }
}
