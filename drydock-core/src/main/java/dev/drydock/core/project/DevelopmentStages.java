package dev.drydock.core.project;

import java.util.regex.Pattern;

/**
 * Stage names that mark a stage for development or tests ({@code dev}, {@code development}, {@code test}, {@code app-dev}),
 * also numbered ({@code test2}, {@code pr-test2}).
 */
public final class DevelopmentStages {

    private static final Pattern NAME = Pattern.compile("(.*[-_])?(dev|devel|develop|development|devcontainer"
            + "|debug|test|tests|testing|ci|local)[0-9]*([-_].*)?");

    private DevelopmentStages() {}

    public static boolean named(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
