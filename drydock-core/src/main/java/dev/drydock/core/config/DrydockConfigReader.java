package dev.drydock.core.config;

import dev.drydock.core.ignore.ExcludedPaths;
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
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code .drydock.yaml}:
 *
 * <pre>
 * ignore: [rule-id-or-alias, ...]          # suppressed everywhere
 * severity: {rule-id-or-alias: high}       # critical, high, medium, low, info, or off (= ignore)
 * trusted-registries: [docker.io, "*.corp.example"]
 * label-schema: {org.opencontainers.image.version: semver}
 * strict-labels: false
 * fail-on: high                            # critical, high, medium, low, info, none
 * exclude: [legacy/, "**&#47;testdata/"]    # .gitignore patterns, relative to this file's folder
 * </pre>
 *
 * Any other key, a value of the wrong kind, an unknown severity or label type is an error at its
 * position; a rule name that names no rule is a warning (the {@code unknown-rule-id} finding).
 */
final class DrydockConfigReader {

    static final Set<String> LABEL_TYPES = Set.of("text", "url", "semver", "hash", "rfc3339", "spdx", "email");
    static final List<String> KEYS = List.of("ignore", "severity", "trusted-registries", "label-schema",
            "strict-labels", "fail-on", "exclude");

    private DrydockConfigReader() {}

    /** {@code exclusionBase}: the project root's path from this file's folder (see {@link ExcludedPaths}). */
    static DrydockConfig read(SourceFile file, String findingPath, String exclusionBase) {
        ConfigYaml yaml = new ConfigYaml(file, findingPath);
        Map<String, NodeTuple> root = yaml.root();
        String name = fileName(findingPath);
        Set<String> ignored = new LinkedHashSet<>();
        Map<String, Severity> severities = new LinkedHashMap<>();
        List<String> registries = List.of();
        Map<String, String> labels = Map.of();
        boolean strict = false;
        DrydockConfig.FailOn failOn = null;
        List<String> exclude = List.of();
        for (var entry : root.entrySet()) {
            Node key = entry.getValue().getKeyNode();
            Node value = entry.getValue().getValueNode();
            switch (entry.getKey()) {
                case "ignore" -> ignored.addAll(yaml.ruleIds(yaml.scalars(value, "ignore"), "ignore in " + name));
                case "severity" -> {
                    for (var rule : yaml.mapping(value, "severity").values()) {
                        String level = yaml.scalar(rule.getValueNode(), "a severity");
                        Set<String> ids = yaml.ruleIds((ScalarNode) rule.getKeyNode(), "severity in " + name);
                        if (level.equals("off")) {
                            ignored.addAll(ids);
                        } else {
                            Severity severity = severity(yaml, rule.getValueNode(), level);
                            ids.forEach(id -> severities.put(id, severity));
                        }
                    }
                }
                case "trusted-registries" -> registries = yaml.strings(value, "trusted-registries");
                case "label-schema" -> labels = labelSchema(yaml, value);
                case "strict-labels" -> strict = yaml.bool(value, "strict-labels");
                case "fail-on" -> {
                    String level = yaml.scalar(value, "fail-on");
                    failOn = level.equals("none") ? DrydockConfig.NEVER : new DrydockConfig.FailOn(severity(yaml, value, level));
                }
                case "exclude" -> exclude = yaml.strings(value, "exclude");
                default -> throw yaml.error(key, "unknown key " + entry.getKey() + " (the keys are "
                        + String.join(", ", KEYS) + ")");
            }
        }
        ReviewSettings settings = new ReviewSettings(registries, labels, strict).withIgnoredRules(ignored)
                .withSeverities(severities).withExcludedPaths(new ExcludedPaths(exclude, exclusionBase)).withUnknownRuleNames(yaml.unknown);
        return new DrydockConfig(findingPath, settings, failOn);
    }

    static Map<String, String> labelSchema(ConfigYaml yaml, Node value) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (var label : yaml.mapping(value, "label-schema").entrySet()) {
            Node typeNode = label.getValue().getValueNode();
            String type = ConfigYaml.isNull(typeNode) ? "text" : yaml.scalar(typeNode, "a label type");
            if (type.isEmpty()) {
                type = "text";
            }
            if (!LABEL_TYPES.contains(type)) {
                throw yaml.error(typeNode, "unknown label type " + type + " (the types are email, hash, rfc3339,"
                        + " semver, spdx, text, url)");
            }
            labels.put(label.getKey(), type);
        }
        return labels;
    }

    private static Severity severity(ConfigYaml yaml, Node node, String level) {
        for (Severity s : Severity.values()) {
            if (s.id().equals(level)) {
                return s;
            }
        }
        throw yaml.error(node, "unknown severity " + level
                + " (critical, high, medium, low, info; off in severity, none in fail-on)");
    }

    static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
