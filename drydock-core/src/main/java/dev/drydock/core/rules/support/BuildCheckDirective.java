package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.ParserDirective;
import java.util.Optional;

/**
 * The {@code # check=skip=...} parser directive, with which a Dockerfile turns BuildKit's build checks
 * off ({@code # check=skip=JSONArgsRecommended,StageNameCasing} or {@code skip=all}) and its experimental
 * checks on ({@code # check=experimental=all}): the rules that implement a BuildKit check honour it.
 */
public final class BuildCheckDirective {

    private BuildCheckDirective() {}

    /** Whether the Dockerfile's check directive skips the BuildKit check {@code name} (or all checks). */
    public static boolean skips(Dockerfile dockerfile, String name) {
        return names(dockerfile, "skip", name);
    }

    /**
     * Whether the check directive turns on the experimental BuildKit check {@code name}
     * ({@code # check=experimental=InvalidDefinitionDescription} or {@code experimental=all}): BuildKit runs its
     * experimental checks only then.
     */
    public static boolean enablesExperimental(Dockerfile dockerfile, String name) {
        return names(dockerfile, "experimental", name) && !skips(dockerfile, name);
    }

    /** Whether the directive's {@code key=} setting lists {@code name} or all. */
    private static boolean names(Dockerfile dockerfile, String key, String name) {
        if (dockerfile == null) {
            return false;
        }
        Optional<ParserDirective> check = dockerfile.directive("check");
        if (check.isEmpty()) {
            return false;
        }
        for (String setting : check.get().value().split(";")) {
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
