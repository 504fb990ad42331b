package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the official server images write outside the VOLUMEs their Dockerfiles declare, so that a container of
 * them with a read-only root file system ({@code read_only: true}) needs a tmpfs there to start. The data
 * directories are left out: the engine mounts an anonymous volume on a declared VOLUME, read-only root or not.
 * Facts from the images' Dockerfiles and entry-point scripts (docker-library/postgres, mysql, mongo, nginx's
 * documentation, MariaDB/mariadb-docker); redis needs nothing beyond its /data VOLUME and is not listed.
 */
public final class ReadOnlyRoots {

    private ReadOnlyRoots() {}

    /**
     * A folder the server writes to at start, and what it keeps there (for messages).
     *
     * @param alternatives folders the server takes instead when it cannot write {@code path}: a mount on one of them
     *     is enough
     */
    public record WritePath(String path, String holds, List<String> alternatives) {

        public WritePath(String path, String holds) {
            this(path, holds, List.of());
        }

        public WritePath {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The name {@link Needs} gives gunicorn, which no official image carries. */
    public static final String GUNICORN = "gunicorn";

    /** What a service's image needs writable: the server it runs, by the official image's name, and its folders. */
    public record Needs(String image, String server, List<WritePath> paths) {}

    private static final String INNODB_TMP = "InnoDB's temporary files, which the server creates at start";

    private static final Map<String, List<WritePath>> BY_IMAGE = Map.of(
            "postgres", List.of(new WritePath("/var/run/postgresql", "the server's socket and its lock file")),
            "mysql", List.of(new WritePath("/var/run/mysqld", "the server's socket and lock files"),
                    new WritePath("/tmp", INNODB_TMP)),
            "mariadb", List.of(new WritePath("/run/mysqld", "the server's socket and lock files"),
                    new WritePath("/tmp", INNODB_TMP)),
            "mongo", List.of(new WritePath("/tmp", "mongod's socket mongodb-27017.sock and the entry point's"
                    + " temporary configuration")),
            "nginx", List.of(new WritePath("/var/cache/nginx", "client_temp, proxy_temp and the other temporary folders"
                            + " nginx creates at start"),
                    new WritePath("/var/run", "nginx.pid")));

    /**
     * The folders the service's image writes to outside its volumes, when it runs an official server image known
     * here with that image's own server: pulled ({@code image: postgres:17}) or built on it, keeping its command. Empty
     * for any other image, a command or entry point of the service's own, or an nginx whose main configuration the
     * project replaces (it may move the pid file and temporary folders).
     */
    public static Optional<Needs> of(ReviewContext context, Service service) {
        Optional<ImageReference> pulled = ComposeServices.pulledImage(service);
        if (pulled.isPresent()) {
            ImageReference image = pulled.get();
            if (!image.isImage() || !image.isOfficialImage() || service.entrypoint() != null
                    || !runsServer(service, image.imageName())) {
                return Optional.empty();
            }
            return needs(image.imageName()).filter(n -> !n.image().equals("nginx") || !mountsNginxConfig(service));
        }
        for (Container c : context.builtContainers()) {
            if (c.service() != service) {
                continue;
            }
            Optional<Needs> gunicorn = ofGunicorn(context, c);
            if (gunicorn.isPresent()) {
                return gunicorn;
            }
            if (service.entrypoint() != null || service.command() != null
                    && !runsServer(service.command().words().stream().map(w -> w.value()).toList(), baseName(c))) {
                return Optional.empty();
            }
            return ofImage(c).filter(n -> !n.image().equals("nginx") || !mountsNginxConfig(service));
        }
        return Optional.empty();
    }

    /**
     * The folders an image the project builds writes to outside its volumes, when it is built on an official server
     * image known here and keeps that image's server as its command; empty for any other image and for an nginx whose
     * nginx.conf the Dockerfile replaces. Whoever runs the image may still change its command: callers check that.
     */
    public static Optional<Needs> ofImage(Container c) {
        String name = baseName(c);
        if (name == null) {
            return Optional.empty();
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        boolean keepsServer = BaseImageFacts.defaultCommand(base).isPresent()
                && BaseImageFacts.defaultCommand(base).equals(ImageRole.program(c));
        if (!keepsServer || name.equals("nginx") && copiesNginxConfig(c)) {
            return Optional.empty();
        }
        return needs(name);
    }

    /**
     * gunicorn's workers tell the arbiter they are alive through a temporary file in --worker-tmp-dir, by default
     * Python's temporary directory: the first of /tmp, /var/tmp and /usr/tmp it can write, else the working directory.
     * With none of them writable on a read-only root, no worker boots. Empty when the container does not run gunicorn
     * or the folder is set or may be: worker_tmp_dir wherever gunicorn reads it ({@link GunicornSettings}: the command,
     * GUNICORN_CMD_ARGS, a configuration file, or one drydock cannot read), or TMPDIR (TEMP, TMP).
     */
    public static Optional<Needs> ofGunicorn(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || ep.runtime() != Runtime.GUNICORN || GunicornSettings.of(context, c).get("worker_tmp_dir")
                .map(v -> v.source() != GunicornSettings.Source.DEFAULT).orElse(true)
                || Stream.of("TMPDIR", "TEMP", "TMP").anyMatch(ep.environment()::containsKey)) {
            return Optional.empty();
        }
        List<String> alternatives = new ArrayList<>(List.of("/var/tmp", "/usr/tmp"));
        if (ep.workdir() != null && ep.workdir().startsWith("/")) {
            alternatives.add(ep.workdir());
        }
        return Optional.of(new Needs(GUNICORN, GUNICORN, List.of(new WritePath("/tmp",
                "the heartbeat files of gunicorn's workers", alternatives))));
    }

    /** The official image the container's image is built on ({@code postgres}), or null. */
    private static String baseName(Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return null;
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage() || !external.reference().isOfficialImage()) {
            return null;
        }
        return external.reference().imageName();
    }

    private static Optional<Needs> needs(String image) {
        List<WritePath> paths = BY_IMAGE.get(image);
        return paths == null ? Optional.empty() : Optional.of(new Needs(image, server(image), paths));
    }

    private static String server(String image) {
        return switch (image) {
            case "postgres" -> "PostgreSQL";
            case "mysql" -> "MySQL";
            case "mariadb" -> "MariaDB";
            case "mongo" -> "MongoDB";
            default -> "nginx";
        };
    }

    /** The folders of {@code needs} that no tmpfs, volume or bind mount of the service covers. */
    public static List<WritePath> uncovered(Service service, Needs needs) {
        return uncovered(mounts(service), needs);
    }

    /** The folders of {@code needs} that no mount on one of {@code mounted} covers. */
    public static List<WritePath> uncovered(List<String> mounted, Needs needs) {
        return needs.paths().stream()
                .filter(p -> Stream.concat(Stream.of(p.path()), p.alternatives().stream()).noneMatch(
                        path -> mounted.stream().anyMatch(m -> PathNames.isUnder(runFolder(path), runFolder(m)))))
                .toList();
    }

    private static List<String> mounts(Service service) {
        List<String> mounted = new ArrayList<>();
        for (Located<String> tmpfs : service.tmpfs()) {
            String value = tmpfs.value().strip();
            int colon = value.indexOf(':');
            mounted.add(colon < 0 ? value : value.substring(0, colon));
        }
        for (Service.Volume volume : service.volumes()) {
            if (volume.target() != null) {
                mounted.add(volume.target());
            }
        }
        return mounted;
    }

    /** The paths of {@code paths}, for messages and tmpfs entries. */
    public static List<String> paths(List<WritePath> paths) {
        return paths.stream().map(WritePath::path).toList();
    }

    /** /var/run is a link to /run in the Debian, Ubuntu, Oracle Linux and Alpine images: a mount on either covers both. */
    private static String runFolder(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals("/var/run") || p.startsWith("/var/run/") ? p.substring("/var".length()) : p;
    }

    /** The programs that start each image's server, as a service's command names them. */
    private static final Map<String, List<String>> SERVER_PROGRAMS = Map.of("postgres", List.of("postgres"),
            "mysql", List.of("mysqld"), "mariadb", List.of("mariadbd", "mysqld"), "mongo", List.of("mongod"),
            "nginx", List.of("nginx", "nginx-debug"));

    /** Whether the service's command, if any, still starts the image's server (or passes it options). */
    private static boolean runsServer(Service service, String image) {
        return runsServer(service.command() == null ? List.of()
                : service.command().words().stream().map(w -> w.value()).toList(), image);
    }

    /**
     * Whether a command that replaces the image's CMD (a compose command, a Kubernetes container's args) still starts
     * the image's server or passes it options; an empty one keeps the CMD.
     */
    public static boolean runsServer(List<String> command, String image) {
        if (GUNICORN.equals(image)) {
            return command.isEmpty(); // the image's own gunicorn command, options and all
        }
        if (image == null || !SERVER_PROGRAMS.containsKey(image)) {
            return false;
        }
        if (command.isEmpty()) {
            return true;
        }
        String first = command.get(0);
        String program = first.substring(first.lastIndexOf('/') + 1);
        return first.startsWith("-") || SERVER_PROGRAMS.get(image).contains(program);
    }

    private static boolean mountsNginxConfig(Service service) {
        return service.volumes().stream().anyMatch(v -> v.target() != null && nginxConfig(v.target()));
    }

    private static boolean copiesNginxConfig(Container c) {
        for (Stage stage : Stages.inImage(c.build().model(), c.build().stage())) {
            for (CopyCommand copy : stage.copies()) {
                String to = copy.containerPath();
                if (to != null && (nginxConfig(to) || to.startsWith("/etc/nginx/") && to.endsWith("/")
                        && copy.sources().stream().anyMatch(s -> PathNames.fileName(s).equals("nginx.conf")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether one of the mount targets replaces nginx.conf (it may move the pid file and temporary folders). */
    public static boolean mountsNginxConfig(List<String> targets) {
        return targets.stream().anyMatch(ReadOnlyRoots::nginxConfig);
    }

    private static boolean nginxConfig(String target) {
        String t = target.endsWith("/") && target.length() > 1 ? target.substring(0, target.length() - 1) : target;
        return t.equals("/etc/nginx/nginx.conf") || t.equals("/etc/nginx");
    }
}
