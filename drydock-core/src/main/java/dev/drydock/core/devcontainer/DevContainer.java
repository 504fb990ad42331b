package dev.drydock.core.devcontainer;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dev container configuration ({@code devcontainer.json}): how the development container is made (an image, a
 * Dockerfile build or a compose service) and how it runs. Paths are relative to the project root; a path that
 * leaves the project is null.
 *
 * @param path the configuration's path relative to the project root
 * @param image {@code image}: the image run as it is, or null
 * @param build the Dockerfile build ({@code build.dockerfile}, or the older top-level {@code dockerFile}), or null
 * @param compose the compose service ({@code dockerComposeFile} with {@code service}), or null
 * @param remoteUser {@code remoteUser}: who the tools' processes (terminals, lifecycle commands, the editor's server)
 *     run as, or null for the image's metadata or the container's user
 * @param containerUser {@code containerUser}: who the container as a whole runs as, or null for the image's user
 * @param privileged {@code "privileged": true}, or null
 * @param runArgs the {@code runArgs} items ({@code docker run} options)
 * @param mounts the {@code mounts} items, each as written (a string, or an object's source and target)
 */
public record DevContainer(String path, Value image, Build build, Compose compose, Value remoteUser,
        Value containerUser, Value privileged, List<Value> runArgs, List<Mount> mounts) {

    public DevContainer {
        runArgs = List.copyOf(runArgs);
        mounts = List.copyOf(mounts);
    }

    /** A value as written and where. */
    public record Value(String value, Span span) {}

    /**
     * A Dockerfile build; paths are relative to the folder of devcontainer.json, as the dev container tools resolve them.
     *
     * @param dockerfile the Dockerfile, relative to the project root (null when outside it)
     * @param context the build context folder, relative to the project root ("" for the root; null when outside it)
     * @param target {@code build.target}, or null
     * @param args {@code build.args} with string values
     * @param span where the build is declared ({@code build}, or {@code dockerFile})
     */
    public record Build(String dockerfile, String context, String target, Map<String, String> args, Span span) {
        public Build {
            args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        }
    }

    /**
     * A compose-based dev container.
     *
     * @param files the compose files, relative to the project root, in the order given (null items left out)
     * @param service the service the tools attach to (the primary container), or null
     * @param serviceSpan where {@code service} is written, or the span of {@code dockerComposeFile}
     */
    public record Compose(List<String> files, String service, Span serviceSpan) {
        public Compose {
            files = List.copyOf(files);
        }
    }

    /** A {@code mounts} item: its source ({@code source=} or {@code src=}) and target, as written. */
    public record Mount(String source, String target, Span span) {

        /** A mount written as {@code docker run --mount} options: {@code source=/var/run/docker.sock,target=...}. */
        public static Mount of(String options, Span span) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String option : options.split(",")) {
                int eq = option.indexOf('=');
                if (eq > 0) {
                    values.put(option.substring(0, eq).strip(), option.substring(eq + 1).strip());
                }
            }
            return new Mount(values.getOrDefault("source", values.get("src")),
                    values.getOrDefault("target", values.getOrDefault("dst", values.get("destination"))), span);
        }
    }

    /** The {@code runArgs} item that makes the container privileged ({@code --privileged}), or null. */
    public Value privilegedRunArg() {
        return runArgs.stream().filter(a -> a.value().strip().equals("--privileged")
                || a.value().strip().equals("--privileged=true")).findFirst().orElse(null);
    }

    /**
     * The bind mounts the configuration asks for: its {@code mounts}, and the {@code -v}/{@code --volume} and
     * {@code --mount} options of {@code runArgs} (a host path and a container path, or a {@code source=} option).
     */
    public List<Mount> bindMounts() {
        List<Mount> out = new ArrayList<>(mounts);
        for (int i = 0; i < runArgs.size(); i++) {
            String arg = runArgs.get(i).value().strip();
            String value = null;
            for (String option : List.of("-v", "--volume", "--mount")) {
                if (arg.equals(option) && i + 1 < runArgs.size()) {
                    value = runArgs.get(i + 1).value().strip();
                } else if (arg.startsWith(option + "=") || option.equals("-v") && arg.startsWith("-v") && arg.length() > 2) {
                    value = arg.substring(arg.startsWith(option + "=") ? option.length() + 1 : 2);
                }
                if (value != null) {
                    Mount mount = option.equals("--mount") ? Mount.of(value, runArgs.get(i).span())
                            : new Mount(value.split(":")[0], value.contains(":") ? value.split(":")[1] : null,
                                    runArgs.get(i).span());
                    out.add(mount);
                    break;
                }
            }
        }
        return out;
    }

    /** The folder of the configuration, relative to the project root. */
    public String folder() {
        return PathNames.parent(path);
    }
}
