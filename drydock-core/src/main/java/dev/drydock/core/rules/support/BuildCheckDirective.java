package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.ParserDirective;
import java.util.Map;

/**
 * The {@code # check=...} parser directive, with which a Dockerfile turns BuildKit's build checks off
 * ({@code # check=skip=JSONArgsRecommended,StageNameCasing} or {@code skip=all}) and its experimental
 * checks on ({@code experimental=all}): the rules that implement a BuildKit check honour it.
 */
public final class BuildCheckDirective {

    private BuildCheckDirective() {}

    /** Whether the Dockerfile's check directive skips the BuildKit check {@code name} (or all checks). */
    public static boolean skips(Dockerfile dockerfile, String name) {
        return names(directive(dockerfile), "skip", name);
    }

    /**
     * Whether the build turns on the experimental BuildKit check {@code name}, which BuildKit runs only then:
     * {@code experimental=all} or a list naming it, in the check directive or in the
     * {@code BUILDKIT_DOCKERFILE_CHECK} build argument. It wins over skip.
     */
    public static boolean enablesExperimental(Dockerfile dockerfile, Map<String, String> buildArgs, String name) {
        return names(directive(dockerfile), "experimental", name)
                || names(buildArgs.getOrDefault("BUILDKIT_DOCKERFILE_CHECK", ""), "experimental", name);
    }

    private static String directive(Dockerfile dockerfile) {
        return dockerfile == null ? "" : dockerfile.directive("check").map(ParserDirective::value).orElse("");
    }

    /** Whether a check setting ({@code skip=A,B;error=true}) lists {@code name} (or all) under {@code key}. */
    private static boolean names(String value, String key, String name) {
        for (String setting : value.split(";")) {
            String[] pair = setting.split("=", 2);
            if (pair.length != 2 || !pair[0].strip().equalsIgnoreCase(key)) {
                continue;
            }
            for (String listed : pair[1].split(",")) {
                String s = listed.strip();
                if (s.equalsIgnoreCase("all") || s.equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
