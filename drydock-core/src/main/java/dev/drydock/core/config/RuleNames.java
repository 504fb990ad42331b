package dev.drydock.core.config;

import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Rules;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules a name in a configuration file or an ignore comment stands for: the rule with that id, and
 * every rule carrying it as an alias (compared ignoring case), so {@code DL3008} reaches each drydock
 * rule that covers hadolint's DL3008; a ShellCheck code such as {@code SC2086} stands for the findings
 * reported under it.
 */
public final class RuleNames {

    private static final Map<String, Set<String>> KNOWN = new ConcurrentHashMap<>();

    private RuleNames() {}

    /** The ids of the rules {@code name} stands for; empty when it names none. */
    public static Set<String> resolve(String name) {
        return KNOWN.computeIfAbsent(name, RuleNames::lookUp);
    }

    private static Set<String> lookUp(String name) {
        Set<String> ids = new LinkedHashSet<>();
        for (Rule rule : Rules.all()) {
            RuleMetadata m = rule.metadata();
            if (m.id().equals(name) || m.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
                ids.add(m.id());
            }
        }
        if (ids.isEmpty() && Rules.all().stream().anyMatch(rule -> rule.reports(name))) {
            ids.add(name); // a finding id of another tool's check, such as ShellCheck's SC2086
        }
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(ids));
    }
}
