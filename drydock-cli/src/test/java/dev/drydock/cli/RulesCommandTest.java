package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RulesCommandTest {

    @Test
    void listsEveryRuleWithSeverityAndTitle() {
        CliRun run = CliRun.of("rules");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("runs-as-root").contains("critical").contains("Container runs as root");
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
        assertThat(run.out()).startsWith("runs-as-root: Container runs as root").contains("Recommendation:");
    }

    @Test
    void anUnknownRuleIsAnInputError() {
        CliRun run = CliRun.of("rules", "no-such-rule");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-rule: no rule has this id or alias");
    }
}
