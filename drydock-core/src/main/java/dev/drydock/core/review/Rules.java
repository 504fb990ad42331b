package dev.drydock.core.review;

import dev.drydock.core.config.UnknownRuleId;
import dev.drydock.core.rules.app.AppRules;
import dev.drydock.core.rules.compose.ComposeHygieneRules;
import dev.drydock.core.rules.compose.ComposeSecurityRules;
import dev.drydock.core.rules.context.ContextRules;
import dev.drydock.core.rules.dockerfile.DockerfileRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every rule drydock has, in one list: no class-path scanning, so start-up stays cheap. A new rule
 * is added to its group's list (DockerfileRules, AppRules, ContextRules, ComposeSecurityRules,
 * ComposeHygieneRules) and nowhere else.
 */
public final class Rules {

    private static final List<Rule> ALL = concat(List.of(new FileNotRead(), new UnknownRuleId(), new RuleFailed()), DockerfileRules.all(),
            AppRules.all(), ContextRules.all(), ComposeSecurityRules.all(), ComposeHygieneRules.all());

    private Rules() {}

    public static List<Rule> all() {
        return ALL;
    }

    @SafeVarargs
    private static List<Rule> concat(List<Rule>... groups) {
        List<Rule> all = new ArrayList<>();
        for (List<Rule> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }

    /**
     * A rule by id, by an alias such as {@code DL3008}, or by an id it reports under ({@code SC2086} is
     * reported by the shellcheck rule).
     */
    public static Optional<Rule> find(String idOrAlias) {
        for (Rule rule : ALL) {
            RuleMetadata m = rule.metadata();
            if (m.id().equals(idOrAlias) || m.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(idOrAlias))) {
                return Optional.of(rule);
            }
        }
        return ALL.stream().filter(rule -> rule.reports(idOrAlias)).findFirst();
    }
}
