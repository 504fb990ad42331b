package dev.drydock.core.entrypoint;

import dev.drydock.core.discovery.PathNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Programs whose meaning comes from what the build put in the image rather than from their name: Next's standalone
 * {@code server.js}, Astro's {@code dist/server/entry.mjs} and a Mix release's start scripts.
 *
 * <p>{@code next build} with {@code output: "standalone"} writes {@code .next/standalone/server.js}, Next's production
 * server, which listens on PORT (3000 when unset) and HOSTNAME. {@code mix release} writes {@code bin/<app>}, whose
 * {@code start} runs the release in the foreground; phx.gen.release adds {@code bin/server}, which sets PHX_SERVER=true
 * and execs {@code bin/<app> start}; Phoenix's generated runtime configuration serves on PORT, 4000 when unset.
 */
public final class BuildOutputs {

    private static final Set<String> RELEASE_FOREGROUND = Set.of("start", "start_iex");

    private BuildOutputs() {}

    /**
     * The entry point read again with the paths the final image's COPY instructions take their files from
     * ({@code /app/.next/standalone}, {@code /app/_build/prod/rel/shop}): unchanged when they say nothing about it.
     */
    public static EntryPoint read(EntryPoint ep, List<String> copiedSources) {
        if (ep == null) {
            return null;
        }
        if (ep.runtime() == Runtime.NODE && ep.target().path() != null && ep.target().path().endsWith("/server.js")
                && copiedSources.stream().anyMatch(BuildOutputs::nextStandalone)) {
            return ep.as(Runtime.NEXT_STANDALONE, ep.target(), nextOptions(ep.environment()));
        }
        if ((ep.runtime() == Runtime.BINARY || ep.runtime() == Runtime.SCRIPT) && ep.target().path() != null
                && ep.target().path().endsWith("/bin/server")
                && ep.args().size() == 1 && copiedSources.stream().anyMatch(BuildOutputs::mixRelease)) {
            Map<String, String> options = releaseOptions(ep.environment());
            options.put("server", "true");
            return ep.as(Runtime.ELIXIR_RELEASE, ep.target(), options);
        }
        if (ep.startedBy() != null && ep.startedBy().endsWith("/bin/server") && !ep.args().isEmpty()
                && RELEASE_FOREGROUND.contains(ep.args().get(ep.args().size() - 1))
                && copiedSources.stream().anyMatch(BuildOutputs::mixRelease)) {
            // the release's own bin/server read: `cd` to its folder (a command substitution), then `exec ./NAME start`
            return ep.as(Runtime.ELIXIR_RELEASE, ep.target(), releaseOptions(ep.environment()));
        }
        return ep;
    }

    static boolean nextStandalone(String path) {
        return path.contains(".next/standalone");
    }

    private static boolean mixRelease(String path) {
        return path.contains("_build/") && path.contains("/rel/");
    }

    /**
     * Whether a script is the server entry of an Astro build: {@code dist/server/entry.mjs}, where {@code astro build}
     * writes it by default (build.server {@code ./dist/server/}, serverEntry {@code entry.mjs}).
     */
    static boolean astroStandalone(String path) {
        return path.endsWith("/dist/server/entry.mjs") || path.equals("dist/server/entry.mjs");
    }

    /** The options of Astro's standalone server: HOST, which wins over the configuration's server.host. */
    static Map<String, String> astroOptions(Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        putIfSet(options, env, "HOST", "host");
        return options;
    }

    /** {@code node .next/standalone/server.js}, or null when the script is another. */
    static Map<String, String> nextOptions(Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        putIfSet(options, env, "PORT", "port");
        putIfSet(options, env, "HOSTNAME", "host");
        return options;
    }

    /** Whether {@code bin/<app> ARG} is a release started in the foreground. */
    static boolean releaseStart(String program, List<String> args) {
        return PathNames.fileName(PathNames.parent(program)).equals("bin") && args.size() == 1
                && RELEASE_FOREGROUND.contains(args.get(0));
    }

    static Map<String, String> releaseOptions(Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        String server = env.get("PHX_SERVER");
        if (server != null) {
            options.put("server", "true"); // Phoenix's runtime.exs tests only that it is set
        }
        putIfSet(options, env, "PORT", "port");
        return options;
    }

    private static void putIfSet(Map<String, String> options, Map<String, String> env, String variable, String option) {
        String value = env.get(variable);
        if (value != null && !value.isEmpty()) {
            options.put(option, value);
        }
    }
}
