package dev.drydock.core.entrypoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container finally runs: the argv (ENTRYPOINT followed by CMD, or a compose
 * {@code command}/{@code entrypoint}), whether it came from a shell form, the environment in effect
 * (image ENV, compose environment) and the working directory ("/" when none was set).
 *
 * <p>For a shell form, {@code argv} is either what Docker runs ({@code [/bin/sh, -c, script]}) or
 * just {@code [script]}; a one-element shell-form argv is read as {@code sh -c script}.
 */
public record Invocation(List<String> argv, boolean shellForm, Map<String, String> environment, String workdir) {

    public Invocation {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        workdir = workdir == null || workdir.isEmpty() ? "/" : workdir;
    }

    /** An exec-form command with no environment in "/". */
    public static Invocation exec(String... argv) {
        return new Invocation(List.of(argv), false, Map.of(), "/");
    }

    /** A shell-form command: {@code /bin/sh -c script}. */
    public static Invocation shell(String script) {
        return new Invocation(List.of(script), true, Map.of(), "/");
    }

    public Invocation withWorkdir(String dir) {
        return new Invocation(argv, shellForm, environment, dir);
    }

    /** Adds variables given as {@code KEY, VALUE, KEY, VALUE, ...}. */
    public Invocation withEnv(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Invocation(argv, shellForm, env, workdir);
    }

    /** The argv with a one-element shell form expanded to {@code /bin/sh -c script}. */
    List<String> effectiveArgv() {
        if (shellForm && argv.size() == 1) {
            List<String> full = new ArrayList<>(List.of("/bin/sh", "-c"));
            full.add(argv.get(0));
            return full;
        }
        return argv;
    }
}
