package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.ParserDirective;
import java.util.Optional;

/**
 * The {@code # check=skip=...} parser directive, with which a Dockerfile turns BuildKit's build checks
 * off ({@code # check=skip=JSONArgsRecommended,StageNameCasing} or {@code skip=all}): the rules that
 * implement a BuildKit check honour it.
 */
public final class BuildCheckDirective {

    private BuildCheckDirective() {}

    /** Whether the Dockerfile's check directive skips the BuildKit check {@code name} (or all checks). */
    public static boolean skips(Dockerfile dockerfile, String name) {
        if (dockerfile == null) {
            return false;
        }
        Optional<ParserDirective> check = dockerfile.directive("check");
        if (check.isEmpty()) {
            return false;
        }
        for (String setting : check.get().value().split(";")) {
            String[] pair = setting.split("=", 2);
            if (pair.length != 2 || !pair[0].strip().equalsIgnoreCase("skip")) {
                continue;
            }
            for (String skipped : pair[1].split(",")) {
                String s = skipped.strip();
                if (s.equalsIgnoreCase("all") || s.equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
