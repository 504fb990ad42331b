package dev.drydock.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Official server images whose ENTRYPOINT is {@code docker-entrypoint.sh}, a script that prepares the server's files and
 * then runs its arguments with {@code exec "$@"}: postgres, mysql, mariadb, mongo and redis. Given options only (a first
 * argument starting with {@code -}, or for redis a {@code .conf} file) the script puts the server's program before
 * them; when that program is first and the container starts as root it re-runs itself as the image's own user with gosu
 * (mongo for any {@code mongo*} program). Any other first argument ({@code bash}, the {@code /bin/sh} of a shell-form
 * CMD) is run as it is, as root.
 *
 * @param server the image's CMD, the program the script starts and steps down for
 * @param user the user the script switches to
 * @param confArgument whether a first argument ending in {@code .conf} also gets the server put before it
 */
public record EntrypointScriptImages(String server, String user, boolean confArgument) {

    /** The ENTRYPOINT of each of these images. */
    public static final String ENTRYPOINT = "docker-entrypoint.sh";

    private static final Map<String, EntrypointScriptImages> OFFICIAL = Map.of(
            "postgres", new EntrypointScriptImages("postgres", "postgres", false),
            "mysql", new EntrypointScriptImages("mysqld", "mysql", false),
            "mariadb", new EntrypointScriptImages("mariadbd", "mysql", false),
            "mongo", new EntrypointScriptImages("mongod", "mongodb", false),
            "redis", new EntrypointScriptImages("redis-server", "redis", true));

    /** What the image's entry-point script does, for the official images above; empty for any other image. */
    public static Optional<EntrypointScriptImages> of(ImageReference ref) {
        if (ref == null || !ref.isImage() || !ref.isOfficialImage()) {
            return Optional.empty();
        }
        return Optional.ofNullable(OFFICIAL.get(ref.imageName()));
    }

    /** The command the script runs for a CMD of {@code cmd} (exec form): the server before options, else cmd. */
    public List<String> started(List<String> cmd) {
        if (cmd.isEmpty()) {
            return List.of(server);
        }
        String first = cmd.get(0);
        if (!first.startsWith("-") && !(confArgument && first.endsWith(".conf"))) {
            return cmd;
        }
        List<String> argv = new ArrayList<>(cmd.size() + 1);
        argv.add(server);
        argv.addAll(cmd);
        return List.copyOf(argv);
    }
}
