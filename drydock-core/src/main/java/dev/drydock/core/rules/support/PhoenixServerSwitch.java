package dev.drydock.core.rules.support;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a Phoenix release serves HTTP only when an environment variable is set, as the config/runtime.exs that
 * {@code mix phx.new} generates says: {@code if System.get_env("PHX_SERVER") do config :app, AppWeb.Endpoint,
 * server: true end} (also with {@code && System.get_env("RELEASE_NAME")}, as older generators wrote it). A release
 * started with {@code bin/<app> start} does not start the endpoint's server otherwise; {@code mix phx.server} turns it
 * on by itself.
 */
public final class PhoenixServerSwitch {

    /** {@code if System.get_env("PHX_SERVER") do}, optionally with more {@code && System.get_env("X")} terms. */
    private static final Pattern GATE = Pattern.compile("(?m)^[ \\t]*if\\s+System\\.get_env\\(\\s*\"(\\w+)\"\\s*\\)"
            + "(?:\\s*&&\\s*System\\.get_env\\(\\s*\"\\w+\"\\s*\\))*\\s+do[ \\t]*(?:#.*)?$");
    /** A line that is only a comment (phx.new's prod.exs once showed {@code server: true} in one), blanked. */
    private static final Pattern COMMENT_LINE = Pattern.compile("(?m)^[ \\t]*#.*$");
    private static final Pattern BLOCK_END = Pattern.compile("(?m)^[ \\t]*end\\b");
    private static final Pattern SERVER_TRUE = Pattern.compile("\\bserver:\\s*true\\b");
    /** Any endpoint server setting: {@code server: true}, {@code server: System.get_env(...) != nil} ... */
    private static final Pattern SERVER_KEY = Pattern.compile("(?<![\\w.:])server:");

    /**
     * The switch: the variable that turns the server on and the 1-based line of its {@code if} in runtime.exs.
     */
    public record Gate(String variable, int line) {}

    private PhoenixServerSwitch() {}

    /**
     * The switch runtime.exs writes, or empty when it writes none, when it sets the server somewhere outside it, or
     * when one of the other configuration files a release loads (config.exs, prod.exs, releases.exs) sets it: the
     * server may then be on whatever the environment says.
     */
    public static Optional<Gate> read(String runtimeExs, Collection<String> otherConfigs) {
        if (runtimeExs == null) {
            return Optional.empty();
        }
        runtimeExs = COMMENT_LINE.matcher(runtimeExs).replaceAll("");
        Matcher gate = GATE.matcher(runtimeExs);
        if (!gate.find()) {
            return Optional.empty();
        }
        Matcher end = BLOCK_END.matcher(runtimeExs);
        if (!end.find(gate.end())) {
            return Optional.empty();
        }
        String block = runtimeExs.substring(gate.end(), end.start());
        if (!SERVER_TRUE.matcher(block).find() || SERVER_KEY.matcher(runtimeExs).results().count()
                != SERVER_KEY.matcher(block).results().count()) {
            return Optional.empty();
        }
        for (String other : otherConfigs) {
            if (other != null && SERVER_KEY.matcher(COMMENT_LINE.matcher(other).replaceAll("")).find()) {
                return Optional.empty();
            }
        }
        int line = 1 + (int) runtimeExs.substring(0, gate.start()).chars().filter(ch -> ch == '\n').count();
        return Optional.of(new Gate(gate.group(1), line));
    }
}
