package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The capabilities a container needs as it starts, where drydock can read what its start does: root that takes over
 * folders ({@code chown}: CHOWN, and DAC_OVERRIDE or FOWNER where it reaches into or changes folders another user
 * owns) and then switches to another user (gosu, su-exec, setpriv, runuser, su: SETUID and SETGID). Known for the
 * official images whose entry point does this (postgres, mysql, mariadb, mongo, redis, rabbitmq: their
 * docker-entrypoint.sh, when the container starts the server as root), for nginx (its master process, started as
 * root, switches its workers to the nginx user and chowns its temporary folders to it) and for a project's own
 * entry-point script or command that switches users ({@link PrivilegeDrop}). A container that starts as another
 * user skips all this: nothing is needed then.
 *
 * @param capabilities the capabilities, as the engine names them, in alphabetical order
 * @param reason what needs them, for messages ("the entrypoint of postgres chowns ... and switches to ...")
 * @param nonRootUser the user the image can run as from the start instead ({@code user: postgres}), or null
 */
public record StartCapabilities(List<String> capabilities, String reason, String nonRootUser) {

    public StartCapabilities {
        capabilities = List.copyOf(new TreeSet<>(capabilities));
    }

    /**
     * What the official images' entry points do as root, read from their docker-entrypoint.sh: a find over the data
     * folders that chowns what the server's user does not own (it has to read folders the server made private: 0700
     * for PostgreSQL's data folder, MySQL's and MariaDB's databases, MongoDB's), postgres' chmod of folders its user
     * owns (FOWNER), then gosu (setpriv in recent redis images) to the server's user.
     */
    private record Image(String server, Set<String> programs, String user, List<String> capabilities, String steps) {}

    private static final Map<String, Image> IMAGES = Map.of(
            "postgres", new Image("PostgreSQL", Set.of("postgres"), "postgres",
                    List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"),
                    "chowns and chmods its data folder and /var/run/postgresql, then switches to the postgres user with gosu"),
            "mysql", new Image("MySQL", Set.of("mysqld"), "mysql", List.of("CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID"),
                    "chowns its data folders, then switches to the mysql user with gosu"),
            "mariadb", new Image("MariaDB", Set.of("mariadbd", "mysqld"), "mysql",
                    List.of("CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID"),
                    "chowns its data folder, then switches to the mysql user with gosu"),
            "mongo", new Image("MongoDB", Set.of("mongod", "mongos"), "mongodb",
                    List.of("CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID"),
                    "chowns /data/db and /data/configdb, then switches to the mongodb user with gosu"),
            "redis", new Image("Redis", Set.of("redis-server"), "redis", List.of("CHOWN", "SETGID", "SETUID"),
                    "chowns /data, then switches to the redis user with gosu (setpriv in recent images)"),
            "rabbitmq", new Image("RabbitMQ", Set.of("rabbitmq-server"), "rabbitmq", List.of("CHOWN", "SETGID", "SETUID"),
                    "chowns /var/lib/rabbitmq, then switches to the rabbitmq user with gosu"));

    private static final List<String> NGINX = List.of("CHOWN", "SETGID", "SETUID");
    private static final String NGINX_STEPS = "nginx's master process, started as root, switches its workers to the"
            + " nginx user and chowns its temporary folders (/var/cache/nginx/*_temp) to it";

    private static final Pattern CHOWN = Pattern.compile("(^|[\\s;&|(`])chown\\s");
    private static final Pattern UID_CHECK = Pattern.compile("id -u|\\$EUID|\\$UID\\b");

    /** What the service's container needs as it starts, or empty when it starts as another user or drydock cannot tell. */
    public static Optional<StartCapabilities> of(ReviewContext context, Service service) {
        if (nonRootUser(service)) {
            return Optional.empty();
        }
        if (!service.hasBuild()) {
            return ComposeServices.pulledImage(service).flatMap(ref -> pulled(service, ref));
        }
        return context.builtContainers().stream().filter(c -> c.service() == service).findFirst()
                .flatMap(c -> built(context, c));
    }

    /**
     * What a container of the image the project builds needs as it starts, with the image's own entry point and
     * command (a Kubernetes container that sets neither), or empty when its image ends as a non-root user.
     */
    public static Optional<StartCapabilities> ofImage(ReviewContext context, Container c) {
        return built(context, c);
    }

    /** Whether the container starts as a user other than root ({@code user:} of the service). */
    private static boolean nonRootUser(Service service) {
        if (service.user() == null || service.user().value() == null || service.user().value().isBlank()) {
            return false;
        }
        String value = service.user().value().strip();
        String name = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
        return !name.equals("root") && !name.equals("0");
    }

    private static Optional<StartCapabilities> pulled(Service service, ImageReference ref) {
        if (!ref.isOfficialImage() || service.entrypoint() != null) {
            return Optional.empty();
        }
        String name = ref.imageName();
        String first = service.command() == null || service.command().argv().isEmpty() ? null
                : program(service.command().argv().get(0));
        if (name.equals("nginx")) {
            return first == null || first.equals("nginx") || first.equals("nginx-debug")
                    ? Optional.of(new StartCapabilities(NGINX, NGINX_STEPS, null)) : Optional.empty();
        }
        Image image = IMAGES.get(name);
        if (image == null || first != null && !startsServer(name, image, first)) {
            return Optional.empty();
        }
        return Optional.of(official(name, image));
    }

    /**
     * Whether a command given to the image's entry point starts its server, which the entry point then prepares as root:
     * the server itself, or options (which the entry point puts after the server's name; redis also a .conf file).
     */
    private static boolean startsServer(String name, Image image, String first) {
        return image.programs().contains(first) || first.startsWith("-")
                || name.equals("redis") && first.endsWith(".conf");
    }

    private static StartCapabilities official(String name, Image image) {
        return new StartCapabilities(image.capabilities(), "the entrypoint of the " + name + " image "
                + image.steps() + " before " + image.server() + " starts", image.user());
    }

    private static Optional<StartCapabilities> built(ReviewContext context, Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        if (c.user() != null ? !isRoot(c.user().value()) : BaseImageFacts.defaultsToNonRoot(base)) {
            return Optional.empty();
        }
        if (PrivilegeDrop.byImageEntrypoint(c, base).isPresent() && base instanceof BaseImage.External external) {
            Image image = IMAGES.get(external.reference().imageName());
            if (image != null) {
                return Optional.of(official(external.reference().imageName(), image));
            }
        }
        Optional<PrivilegeDrop> drop = PrivilegeDrop.of(context, c).filter(PrivilegeDrop::always);
        if (drop.isPresent()) {
            return Optional.of(own(context, c, drop.get()));
        }
        if (ImageRole.program(c).filter("nginx"::equals).isPresent() && base instanceof BaseImage.External external
                && external.reference() != null && external.reference().isOfficialImage()
                && external.reference().imageName().equals("nginx")) {
            return Optional.of(new StartCapabilities(NGINX, NGINX_STEPS, null));
        }
        return Optional.empty();
    }

    /**
     * A server that binds a port below 1024 as root in a compose service: it needs NET_BIND_SERVICE once cap_drop takes
     * it, wherever net.ipv4.ip_unprivileged_port_start is not lowered in the container's network namespace (host
     * networking, Podman, Docker before 20.10); Docker 20.10 and later lower it to 0 in the namespaces they create.
     *
     * @param port the lowest port below 1024 the server listens on
     * @param server the server and why it listens there, for messages
     * @param hostNetwork whether the service uses the host's network namespace, where the host's own value applies
     */
    public record PortBind(int port, String server, boolean hostNetwork) {

        public static final String CAPABILITY = "NET_BIND_SERVICE";

        /** Why the capability is needed, for messages. */
        public String reason() {
            return server + " binds port " + port + " as root, which without NET_BIND_SERVICE "
                    + (hostNetwork ? "fails under network_mode: host, where the host's " + PrivilegedPortBind.SYSCTL
                            + " (1024 by default) applies"
                            : "works only where the engine lowers " + PrivilegedPortBind.SYSCTL + " in the container's"
                                    + " network namespace (Docker 20.10 and later) and fails under Podman and older"
                                    + " Docker");
        }
    }

    /**
     * The port below 1024 that the service's server binds as root, when drydock reads it (the configuration of the
     * nginx it runs, the port its command or code sets) and the service's sysctls do not lower the sysctl; empty for a
     * non-root user, whose binds the capability does not reach ({@code non-root-privileged-port} covers those).
     */
    public static Optional<PortBind> lowPort(ReviewContext context, Service service) {
        if (nonRootUser(service) || Boolean.TRUE.equals(privileged(service))) {
            return Optional.empty();
        }
        boolean host = service.networkMode() != null && "host".equals(service.networkMode().value());
        Container c = context.builtContainers().stream().filter(b -> b.service() == service).findFirst().orElse(null);
        Optional<PortBind> bind;
        if (c != null) {
            if (PrivilegedPortBind.nonRootUser(c).isPresent()) {
                return Optional.empty();
            }
            bind = ListeningPorts.of(context, c).flatMap(l -> l.ports().stream().filter(p -> p > 0 && p < 1024)
                    .min(Integer::compare).map(p -> new PortBind(p, l.server() + l.why(), host)));
        } else {
            bind = NginxConfigs.of(context, service, null).filter(n -> n.listensKnown())
                    .flatMap(n -> n.ports().stream().filter(p -> p > 0 && p < 1024).min(Integer::compare)
                            .map(p -> new PortBind(p, "nginx", host)));
        }
        return bind.filter(b -> !lowered(service, b.port()));
    }

    private static Boolean privileged(Service service) {
        return service.privileged() == null ? null : service.privileged().value();
    }

    /** Whether the service's sysctls set the first unprivileged port at or below {@code port}. */
    private static boolean lowered(Service service, int port) {
        var value = service.sysctls().get(PrivilegedPortBind.SYSCTL);
        return value != null && value.value() != null && value.value().strip().matches("\\d{1,5}")
                && Integer.parseInt(value.value().strip()) <= port;
    }

    /** A project's own switch: SETUID and SETGID, CHOWN when its script chowns, SYS_CHROOT for chroot --userspec. */
    private static StartCapabilities own(ReviewContext context, Container c, PrivilegeDrop drop) {
        List<String> needed = new java.util.ArrayList<>(List.of("SETGID", "SETUID"));
        SourceFile script = context.project().source(drop.where()).orElse(null);
        if (script != null && CHOWN.matcher(script.text()).find()) {
            needed.add("CHOWN");
        }
        if (drop.tool().equals("chroot")) {
            needed.add("SYS_CHROOT");
        }
        String does = (needed.contains("CHOWN") ? "chowns files and then switches" : "switches") + " to the user "
                + drop.user() + " with " + drop.tool();
        boolean checksUser = script != null && UID_CHECK.matcher(script.text()).find();
        return new StartCapabilities(needed, drop.where() + " starts as root and " + does,
                checksUser ? drop.user() : null);
    }

    private static boolean isRoot(String user) {
        return user == null || user.isBlank() || UserIds.isRoot(user);
    }

    private static String program(String word) {
        return word.substring(word.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code added} (capability names as the engine writes them) gives back {@code capability}. DAC_OVERRIDE is
     * given back by DAC_READ_SEARCH too: the entry points that need it (the official database images') only read and
     * search the folders their server made private before they chown them, which is all DAC_READ_SEARCH allows.
     */
    public static boolean givenBack(String capability, java.util.Collection<String> added) {
        return added.contains(capability) || capability.equals(READ_PRIVATE_FOLDERS) && added.contains(READ_ONLY_BYPASS);
    }

    /** The capability the official database images' entry points need to read folders their server made private. */
    public static final String READ_PRIVATE_FOLDERS = "DAC_OVERRIDE";

    /** The narrower capability that allows reading and searching any folder, and nothing more (and open_by_handle_at). */
    public static final String READ_ONLY_BYPASS = "DAC_READ_SEARCH";

    /** The capabilities of {@link #capabilities} written for YAML: {@code [CHOWN, SETGID, SETUID]}. */
    public String list() {
        return "[" + String.join(", ", capabilities) + "]";
    }
}
