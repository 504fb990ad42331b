package dev.drydock.core.review;

import dev.drydock.core.ignore.ExcludedPaths;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a project's configuration tells the rules and the reviewer. For the rules: registries its base
 * images may come from (empty: any), the labels every image must carry with the type of their value
 * ({@code text}, {@code url}, {@code rfc3339}, {@code spdx}, {@code hash}, {@code semver}, {@code email}),
 * and whether other labels are unwelcome. For the reviewer: the rules whose findings are suppressed
 * everywhere ({@code ignoredRules}, rule ids), severities that replace a rule's own ({@code severities},
 * by rule id), the paths left out of the review ({@code excludedPaths}, {@code .gitignore} patterns
 * relative to the configuration file's folder), whether inline {@code # drydock ignore=} and {@code # hadolint ignore=}
 * comments are honoured ({@code pragmas}), and the rule names the configuration gives that name no rule
 * ({@code unknownRuleNames}, reported by {@code unknown-rule-id}).
 */
public record ReviewSettings(List<String> trustedRegistries, Map<String, String> labelSchema, boolean strictLabels,
        Set<String> ignoredRules, Map<String, Severity> severities, ExcludedPaths excludedPaths, boolean pragmas,
        List<UnknownRuleName> unknownRuleNames, boolean shellcheck) {

    public static final ReviewSettings DEFAULT = new ReviewSettings(List.of(), Map.of(), false);

    public ReviewSettings {
        trustedRegistries = List.copyOf(trustedRegistries);
        labelSchema = Map.copyOf(labelSchema);
        ignoredRules = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(ignoredRules));
        severities = Map.copyOf(severities);
        unknownRuleNames = List.copyOf(unknownRuleNames);
    }

    public ReviewSettings(List<String> trustedRegistries, Map<String, String> labelSchema, boolean strictLabels) {
        this(trustedRegistries, labelSchema, strictLabels, Set.of(), Map.of(), ExcludedPaths.NONE, true, List.of(), true);
    }

    public ReviewSettings withTrustedRegistries(List<String> value) {
        return new ReviewSettings(value, labelSchema, strictLabels, ignoredRules, severities, excludedPaths, pragmas,
                unknownRuleNames, shellcheck);
    }

    public ReviewSettings withLabelSchema(Map<String, String> value, boolean strict) {
        return new ReviewSettings(trustedRegistries, value, strict, ignoredRules, severities, excludedPaths, pragmas,
                unknownRuleNames, shellcheck);
    }

    public ReviewSettings withIgnoredRules(Set<String> ids) {
        return new ReviewSettings(trustedRegistries, labelSchema, strictLabels, ids, severities, excludedPaths, pragmas,
                unknownRuleNames, shellcheck);
    }

    public ReviewSettings withSeverities(Map<String, Severity> value) {
        return new ReviewSettings(trustedRegistries, labelSchema, strictLabels, ignoredRules, value, excludedPaths,
                pragmas, unknownRuleNames, shellcheck);
    }

    /** Paths excluded by patterns relative to the project root. */
    public ReviewSettings withExcludedPaths(List<String> patterns) {
        return withExcludedPaths(new ExcludedPaths(patterns, ""));
    }

    public ReviewSettings withExcludedPaths(ExcludedPaths value) {
        return new ReviewSettings(trustedRegistries, labelSchema, strictLabels, ignoredRules, severities, value,
                pragmas, unknownRuleNames, shellcheck);
    }

    public ReviewSettings withPragmas(boolean honoured) {
        return new ReviewSettings(trustedRegistries, labelSchema, strictLabels, ignoredRules, severities, excludedPaths,
                honoured, unknownRuleNames, shellcheck);
    }

    public ReviewSettings withUnknownRuleNames(List<UnknownRuleName> value) {
        return new ReviewSettings(trustedRegistries, labelSchema, strictLabels, ignoredRules, severities, excludedPaths,
                pragmas, value, shellcheck);
    }

    public ReviewSettings withShellCheck(boolean on) {
        return new ReviewSettings(trustedRegistries, labelSchema, strictLabels, ignoredRules, severities, excludedPaths,
                pragmas, unknownRuleNames, on);
    }
}
