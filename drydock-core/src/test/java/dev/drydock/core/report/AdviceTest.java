package dev.drydock.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Rules;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdviceTest {

    private static final RuleMetadata RULE = Rules.find("resource-limits").orElseThrow().metadata();

    private static Finding at(int line, String message, String recommendation) {
        return new Finding(RULE, Severity.MEDIUM, new Location("compose.yaml", new Span(0, 1, line, 1, line, 2)),
                message, null, recommendation, true);
    }

    private static List<List<Integer>> lines(List<Advice.Shared> advice) {
        return advice.stream().map(a -> a.findings().stream().map(f -> f.location().line()).toList()).toList();
    }

    @Test
    void adviceThatDiffersOnlyInThePlacesNamesIsOne() {
        List<Advice.Shared> advice = Advice.of(List.of(
                at(2, "orders-db (postgres:16.4) keeps its data in /var/lib/postgresql/data",
                        "Mount `orders-db-data:/var/lib/postgresql/data` under orders-db."),
                at(4, "cache (redis:7.4.1) keeps its data in /data", "Mount `cache-data:/data` under cache.")));
        assertThat(lines(advice)).containsExactly(List.of(2, 4));
        assertThat(advice.get(0).text()).isEqualTo("Mount `orders-db-data:/var/lib/postgresql/data` under orders-db.");
        assertThat(advice.get(0).verbatim()).isFalse();
    }

    @Test
    void identicalAdviceIsVerbatim() {
        List<Advice.Shared> advice = Advice.of(List.of(at(2, "api has none", "Set one."), at(4, "web has none", "Set one.")));
        assertThat(lines(advice)).containsExactly(List.of(2, 4));
        assertThat(advice.get(0).verbatim()).isTrue();
    }

    @Test
    void adviceThatDiffersInSubstanceIsSplit() {
        List<Advice.Shared> advice = Advice.of(List.of(
                at(2, "pg runs PostgreSQL 13", "Upgrade pg with pg_upgrade."),
                at(4, "my runs MySQL 5.7", "Upgrade my through MySQL 8.0 first."),
                at(6, "pg2 runs PostgreSQL 13", "Upgrade pg2 with pg_upgrade.")));
        // "pg" is pg's name, but not inside pg_upgrade
        assertThat(lines(advice)).containsExactly(List.of(2, 6), List.of(4));
    }

    @Test
    void aWordSeveralMessagesShareIsNotAName() {
        List<Advice.Shared> advice = Advice.of(List.of(
                at(2, "api has no memory limit", "Add a memory limit to api."),
                at(4, "web has no CPU limit", "Add a CPU limit to web."),
                at(6, "db has no memory limit", "Add a memory limit to db.")));
        assertThat(lines(advice)).containsExactly(List.of(2, 6), List.of(4));
    }

    @Test
    void placesWithoutALineOrOnOneLineCannotBeLabelled() {
        Finding first = at(2, "a", "x");
        Finding fileWide = new Finding(RULE, Severity.MEDIUM, new Location("compose.yaml", null), "b", null, "y", true);
        assertThat(Advice.labelled(List.of(first, fileWide), l -> String.valueOf(l.line()))).isFalse();
        assertThat(Advice.labelled(List.of(first, at(2, "b", "y")), l -> String.valueOf(l.line()))).isFalse();
        assertThat(Advice.labelled(List.of(first, at(3, "b", "y")), l -> String.valueOf(l.line()))).isTrue();
    }
}
