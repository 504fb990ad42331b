package dev.drydock.core.review;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.project.Project;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Dockerfiles of the project that are symlinks to another of its Dockerfiles (a root {@code Dockerfile} linking to
 * {@code docker/Dockerfile.debian}, so that {@code docker build .} finds it): the same text, reviewed under both names.
 * What a rule says at a line of the target is not said again at the same line of the link; what it says only at the
 * link (a build that gives the link another context) stays.
 */
final class LinkedDockerfiles {

    private final Map<String, String> targetOfLink;

    private LinkedDockerfiles(Map<String, String> targetOfLink) {
        this.targetOfLink = targetOfLink;
    }

    static LinkedDockerfiles of(Project project) {
        Map<String, String> targets = new HashMap<>();
        for (ProjectEntry entry : project.layout().entries(FileKind.DOCKERFILE)) {
            project.layout().linkTarget(entry.path()).ifPresent(target -> targets.put(entry.path(), target));
        }
        return new LinkedDockerfiles(targets);
    }

    /**
     * The items without those a link repeats: said by the same rule at the same line and column of the link's
     * target.
     */
    <T> List<T> withoutRepeats(List<T> items, Function<T, String> rule, Function<T, Location> location) {
        if (targetOfLink.isEmpty()) {
            return items;
        }
        Set<String> said = new HashSet<>();
        for (T item : items) {
            Location at = location.apply(item);
            if (at.file() != null && !targetOfLink.containsKey(at.file())) {
                said.add(key(rule.apply(item), at.file(), at));
            }
        }
        return items.stream().filter(item -> {
            Location at = location.apply(item);
            String target = at.file() == null ? null : targetOfLink.get(at.file());
            return target == null || !said.contains(key(rule.apply(item), target, at));
        }).toList();
    }

    private static String key(String rule, String file, Location at) {
        return rule + "@" + file + ":" + at.line() + ":" + (at.span() == null ? 0 : at.span().startColumn());
    }
}
