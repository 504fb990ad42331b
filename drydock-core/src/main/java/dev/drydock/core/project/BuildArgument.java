package dev.drydock.core.project;

/**
 * A build argument a CI or task file passes to a build ({@code --build-arg NAME=value}, a line of
 * {@code build-args:}), with its value as written: literal, a variable ({@code $NPM_TOKEN}) or a GitHub
 * expression ({@code ${{secrets.NPM_TOKEN}}}, blanks inside removed).
 *
 * @param origin where {@code NAME=} is written
 */
public record BuildArgument(String name, String value, Origin origin) {

    /** Whether the value is written out, with no variable or expression in it. */
    public boolean literal() {
        return !value.contains("$");
    }
}
