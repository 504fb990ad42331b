package dev.drydock.core.config;

import dev.drydock.core.review.ReviewSettings;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.SourceFile;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads the settings of a {@code .hadolint.yaml} that have a drydock meaning: {@code ignored},
 * {@code override} (hadolint's levels map to drydock's: error to high, warning to medium, info to low,
 * style to info; a rule listed under several levels takes the most severe, as in hadolint),
 * {@code trustedRegistries}, {@code label-schema}, {@code strict-labels}, {@code failure-threshold}
 * (mapped the same way; {@code ignore} and {@code none} fail on any finding, as hadolint does),
 * {@code no-fail} (never fail) and {@code disable-ignore-pragma} (inline ignore comments are not
 * honoured). Output settings ({@code format}, {@code no-color}, {@code verbose}) and unknown keys are
 * left alone: the file belongs to hadolint.
 */
final class HadolintConfigReader {

    private static final List<String> LEVELS = List.of("style", "info", "warning", "error"); // later wins

    private HadolintConfigReader() {}

    /** The drydock severity of a hadolint level, or null when it is not one. */
    static Severity severity(String level) {
        return switch (level) {
            case "error" -> Severity.HIGH;
            case "warning" -> Severity.MEDIUM;
            case "info" -> Severity.LOW;
            case "style" -> Severity.INFO;
            default -> null;
        };
    }

    static DrydockConfig read(SourceFile file, String findingPath) {
        ConfigYaml yaml = new ConfigYaml(file, findingPath);
        Map<String, NodeTuple> root = yaml.root();
        String name = DrydockConfigReader.fileName(findingPath);
        Set<String> ignored = new LinkedHashSet<>();
        Map<String, Severity> severities = new LinkedHashMap<>();
        List<String> registries = List.of();
        Map<String, String> labels = Map.of();
        boolean strict = false;
        boolean pragmas = true;
        DrydockConfig.FailOn failOn = null;
        boolean noFail = false;
        for (var entry : root.entrySet()) {
            Node value = entry.getValue().getValueNode();
            switch (entry.getKey()) {
                case "ignored" -> ignored.addAll(yaml.ruleIds(yaml.scalars(value, "ignored"), "ignored in " + name));
                case "override" -> {
                    Map<String, NodeTuple> levels = yaml.mapping(value, "override");
                    for (String level : levels.keySet()) {
                        if (severity(level) == null) {
                            throw yaml.error(levels.get(level).getKeyNode(), "unknown level " + level
                                    + " in override (error, warning, info, style)");
                        }
                    }
                    for (String level : LEVELS) {
                        if (levels.containsKey(level)) {
                            Set<String> ids = yaml.ruleIds(yaml.scalars(levels.get(level).getValueNode(), "override." + level),
                                    "override." + level + " in " + name);
                            ids.forEach(id -> severities.put(id, severity(level)));
                        }
                    }
                }
                case "trustedRegistries" -> registries = yaml.strings(value, "trustedRegistries");
                case "label-schema" -> labels = DrydockConfigReader.labelSchema(yaml, value);
                case "strict-labels" -> strict = yaml.bool(value, "strict-labels");
                case "disable-ignore-pragma" -> pragmas = !yaml.bool(value, "disable-ignore-pragma");
                case "no-fail" -> noFail = yaml.bool(value, "no-fail");
                case "failure-threshold" -> {
                    String level = yaml.scalar(value, "failure-threshold");
                    Severity severity = level.equals("ignore") || level.equals("none") ? Severity.INFO : severity(level);
                    if (severity == null) {
                        throw yaml.error(value, "unknown failure-threshold " + level
                                + " (error, warning, info, style, ignore, none)");
                    }
                    failOn = new DrydockConfig.FailOn(severity);
                }
                default -> { } // hadolint's output settings, or keys hadolint itself does not know
            }
        }
        ReviewSettings settings = new ReviewSettings(registries, labels, strict).withIgnoredRules(ignored)
                .withSeverities(severities).withPragmas(pragmas).withUnknownRuleNames(yaml.unknown);
        return new DrydockConfig(findingPath, settings, noFail ? DrydockConfig.NEVER : failOn);
    }
}
