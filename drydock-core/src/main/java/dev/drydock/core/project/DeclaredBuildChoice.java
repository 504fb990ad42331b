package dev.drydock.core.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of the declared builds of a Dockerfile stands for its image. The context most builds use; the
 * last stage when one build takes it, else the target named like a product image ({@code production},
 * {@code release}, {@code runtime}...), else the first build's target.
 */
final class DeclaredBuildChoice {

    private DeclaredBuildChoice() {}

    private static final Set<String> PRODUCT_TARGETS = Set.of("prod", "production", "release", "runtime", "final",
            "app", "server", "runner", "run", "deploy", "dist", "image", "main");

    static Map<String, DeclaredBuild> byDockerfile(List<DeclaredBuild> builds) {
        Map<String, List<DeclaredBuild>> grouped = new LinkedHashMap<>();
        for (DeclaredBuild build : builds) {
            grouped.computeIfAbsent(build.dockerfile(), d -> new ArrayList<>()).add(build);
        }
        Map<String, DeclaredBuild> chosen = new LinkedHashMap<>();
        grouped.forEach((dockerfile, list) -> chosen.put(dockerfile, choose(list)));
        return chosen;
    }

    private static DeclaredBuild choose(List<DeclaredBuild> builds) {
        Map<String, Integer> contexts = new LinkedHashMap<>();
        builds.forEach(b -> contexts.merge(b.context(), 1, Integer::sum));
        String context = contexts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<DeclaredBuild> same = builds.stream().filter(b -> b.context().equals(context)).toList();
        for (DeclaredBuild build : same) {
            if (build.target() == null) {
                return build;
            }
        }
        for (DeclaredBuild build : same) {
            if (PRODUCT_TARGETS.contains(build.target().toLowerCase(Locale.ROOT))) {
                return build;
            }
        }
        return same.get(0);
    }
}
