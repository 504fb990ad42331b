package dev.drydock.core.rules.support;

import static dev.drydock.core.source.PlainYaml.mapping;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kamal deployment (config/deploy.yml beside the build context) that ships a container's image, as far as its
 * health is concerned: kamal-proxy fronts the primary role unless {@code proxy: false}, requests the
 * {@code proxy.healthcheck.path} (/up) on {@code proxy.app_port} (80) every second while a deploy waits for the new
 * container, and stops probing once it answers.
 *
 * @param file the configuration file, relative to the project root
 * @param proxied whether kamal-proxy fronts the primary role
 * @param healthPath the path kamal-proxy requests
 * @param appPort the container port kamal-proxy sends requests and probes to
 * @param appPortSet whether proxy.app_port sets it (else it is Kamal's default)
 * @param primaryCommand the cmd: of the primary role, which replaces the image's command, or null
 * @param clearEnvironment the variables env.clear sets in the containers
 * @param commandRoles the other roles that run a cmd: of their own without kamal-proxy and leave the image's
 *     HEALTHCHECK on (no health-cmd or no-healthcheck among their options, and neither traefik: true nor a
 *     healthcheck: of Kamal 1), by name, with their command: Kamal boots such a role's container and waits until
 *     Docker reports it running, or healthy when it has a HEALTHCHECK
 * @param timedRoles those of the command roles whose options set when Docker probes (health-interval,
 *     health-start-period, health-start-interval), over the HEALTHCHECK's own timing
 * @param deployTimeout how long, in seconds, Kamal 2 waits for a new container to become healthy (deploy_timeout,
 *     30 by default); null for a Kamal 1 configuration (a top-level traefik: or healthcheck:, which Kamal 2
 *     refuses), whose wait is counted otherwise
 * @param deployTimeoutSet whether deploy_timeout sets it (else it is Kamal's default)
 * @param hostNetwork whether the primary role's options put its container on the host's network ({@code network: host},
 *     passed to docker run), where the host's own network settings apply instead of those of the kamal network
 * @param unreadEnvironment the variables whose values drydock cannot tell: those env.secret (top-level or a role's) sets from .kamal/secrets, whose values are
 *     not in the project, and those the env of a role or of a destination's file (config/deploy.DESTINATION.yml,
 *     merged over deploy.yml by {@code kamal deploy -d DESTINATION}) sets, whose values depend on the container
 * @param volumes the targets of the top-level {@code volumes:} entries ({@code "app_storage:/rails/storage"}), which
 *     Kamal mounts into the container of every role, with those of the destinations' files
 */
public record KamalDeploy(String file, boolean proxied, String healthPath, int appPort, boolean appPortSet,
        String primaryCommand, Map<String, String> clearEnvironment, Map<String, String> commandRoles,
        java.util.Set<String> timedRoles, Integer deployTimeout, boolean deployTimeoutSet, boolean hostNetwork,
        java.util.Set<String> unreadEnvironment, List<String> volumes) {

    public KamalDeploy {
        unreadEnvironment = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(unreadEnvironment));
        volumes = List.copyOf(volumes);
        clearEnvironment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(clearEnvironment));
        commandRoles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(commandRoles));
        timedRoles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(timedRoles));
    }

    static final int DEFAULT_DEPLOY_TIMEOUT = 30;

    static final String DEFAULT_HEALTH_PATH = "/up";
    static final int DEFAULT_APP_PORT = 80;
    /** The deployment of the image a container runs, when its build context has a config/deploy.yml Kamal reads. */
    public static Optional<KamalDeploy> of(ReviewContext context, Container c) {
        BuildLink build = c.build();
        if (build == null) {
            return Optional.empty();
        }
        String file = PathNames.join(build.context(), "config/deploy.yml");
        return context.memo("kamal-deploy", build, () -> read(context, file, build));
    }

    private static Optional<KamalDeploy> read(ReviewContext context, String file, BuildLink build) {
        Map<?, ?> root = context.project().source(file).map(f -> mapping(PlainYaml.load(f))).orElse(Map.of());
        if (!(root.get("service") instanceof String) || root.get("servers") == null
                || !dockerfileMatches(mapping(root.get("builder")), build)) {
            return Optional.empty();
        }
        Object proxy = root.get("proxy");
        Map<?, ?> settings = mapping(proxy);
        Map<?, ?> health = mapping(settings.get("healthcheck"));
        String path = health.get("path") instanceof String p && p.startsWith("/") ? p : DEFAULT_HEALTH_PATH;
        boolean portSet = settings.get("app_port") instanceof Integer;
        int port = portSet ? (Integer) settings.get("app_port") : DEFAULT_APP_PORT;
        Map<String, String> clear = new java.util.LinkedHashMap<>();
        mapping(mapping(root.get("env")).get("clear")).forEach((k, v) -> {
            if (k instanceof String name && v != null && !(v instanceof Map) && !(v instanceof List)) {
                clear.put(name, String.valueOf(v));
            }
        });
        boolean kamalOne = root.containsKey("traefik") || root.containsKey("healthcheck");
        Integer timeout = kamalOne ? null
                : root.get("deploy_timeout") instanceof Integer seconds ? seconds : DEFAULT_DEPLOY_TIMEOUT;
        return Optional.of(new KamalDeploy(file, !Boolean.FALSE.equals(proxy) && primaryRoleProxied(root), path, port,
                portSet, mapping(primaryRole(root)).get("cmd") instanceof String cmd ? cmd : null, clear,
                commandRoles(root), timedRoles(root), timeout, root.get("deploy_timeout") instanceof Integer,
                "host".equals(mapping(PlainYaml.merged(primaryRole(root)).get("options")).get("network")),
                unreadEnvironment(context, file, root), volumes(context, file, root)));
    }

    /** The roots of the destinations' files beside the configuration: config/deploy.staging.yml... */
    private static List<Map<?, ?>> destinations(ReviewContext context, String file) {
        String prefix = PathNames.parent(file) + "/deploy.";
        return context.project().layout().entries().stream().map(e -> e.path())
                .filter(p -> p.startsWith(prefix) && p.endsWith(".yml") && !p.equals(file))
                .map(p -> context.project().source(p).map(f -> mapping(PlainYaml.load(f))).orElse(Map.of()))
                .<Map<?, ?>>map(m -> m).toList();
    }

    /**
     * The names env.secret lists, at the top level and in each role's env, and those a role's env or a destination's
     * file sets in clear (which differ from one container or deployment to another).
     */
    private static java.util.Set<String> unreadEnvironment(ReviewContext context, String file, Map<?, ?> root) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        List<Object> envs = new java.util.ArrayList<>();
        List<Object> varying = new java.util.ArrayList<>();
        mapping(root.get("servers")).values().forEach(role -> varying.add(PlainYaml.merged(role).get("env")));
        destinations(context, file).forEach(destination -> varying.add(destination.get("env")));
        envs.add(root.get("env"));
        envs.addAll(varying);
        for (Object env : varying) {
            mapping(mapping(env).get("clear")).keySet().stream().filter(String.class::isInstance)
                    .map(String.class::cast).forEach(names::add);
        }
        for (Object env : envs) {
            if (mapping(env).get("secret") instanceof List<?> secrets) {
                secrets.stream().filter(String.class::isInstance).map(String.class::cast)
                        .map(name -> name.contains(":") ? name.substring(0, name.indexOf(':')) : name)
                        .forEach(names::add);
            }
        }
        return names;
    }

    /**
     * The container paths of the top-level volumes: docker run's {@code -v SOURCE:TARGET[:OPTIONS]}, or a lone
     * {@code TARGET} (an anonymous volume).
     */
    private static List<String> volumes(ReviewContext context, String file, Map<?, ?> root) {
        List<String> targets = new java.util.ArrayList<>();
        List<Map<?, ?>> roots = new java.util.ArrayList<>();
        roots.add(root);
        roots.addAll(destinations(context, file));
        for (Map<?, ?> r : roots) {
            volumes(r, targets);
        }
        return targets;
    }

    private static void volumes(Map<?, ?> root, List<String> targets) {
        if (root.get("volumes") instanceof List<?> volumes) {
            for (Object volume : volumes) {
                if (volume instanceof String v && !v.isBlank()) {
                    String[] parts = v.strip().split(":");
                    String target = parts.length == 1 ? parts[0] : parts[1];
                    if (target.startsWith("/")) {
                        targets.add(target);
                    }
                }
            }
        }
    }

    /** The roles whose options give docker run a probe timing of their own. */
    private static java.util.Set<String> timedRoles(Map<?, ?> root) {
        java.util.Set<String> roles = new java.util.HashSet<>();
        mapping(root.get("servers")).forEach((name, role) -> {
            Map<?, ?> options = mapping(PlainYaml.merged(role).get("options"));
            if (name instanceof String n && List.of("health-interval", "health-start-period", "health-start-interval")
                    .stream().anyMatch(options::containsKey)) {
                roles.add(n);
            }
        });
        return roles;
    }

    /** Roles other than the primary one with a cmd: of their own, no proxy and the image's HEALTHCHECK left on. */
    private static Map<String, String> commandRoles(Map<?, ?> root) {
        Map<String, String> roles = new java.util.LinkedHashMap<>();
        Object primary = mapping(root).get("primary_role");
        String primaryName = primary instanceof String name ? name : "web";
        mapping(root.get("servers")).forEach((name, role) -> {
            Map<?, ?> settings = PlainYaml.merged(role);
            Map<?, ?> options = mapping(settings.get("options"));
            boolean proxied = settings.get("proxy") != null && !Boolean.FALSE.equals(settings.get("proxy"));
            // Kamal 1 gave a role that runs Traefik, or sets healthcheck: port or path, a health-cmd of its own
            boolean ownCheck = Boolean.TRUE.equals(settings.get("traefik")) || settings.get("healthcheck") != null;
            if (name instanceof String n && !n.equals(primaryName) && settings.get("cmd") instanceof String cmd
                    && !proxied && !ownCheck && !options.containsKey("health-cmd")
                    && !options.containsKey("no-healthcheck")) {
                roles.put(n, cmd);
            }
        });
        return roles;
    }

    /**
     * The line a finding about where kamal-proxy forwards points at: proxy.app_port's, else the proxy: key's, else
     * the service: key's.
     */
    public Location portLocation(ReviewContext context) {
        SourceFile text = context.project().source(file).orElseThrow();
        for (String key : appPortSet ? List.of("app_port:", "proxy:") : List.of("proxy:", "service:")) {
            for (int line = 1; line <= text.lineCount(); line++) {
                if (text.line(line).stripLeading().startsWith(key)) {
                    return new Location(file, text.lines(line, line));
                }
            }
        }
        return new Location(file, text.lines(1, 1));
    }

    /** The first role of servers: (web unless named otherwise) keeps the proxy unless it says proxy: false. */
    private static boolean primaryRoleProxied(Map<?, ?> root) {
        return !Boolean.FALSE.equals(mapping(primaryRole(root)).get("proxy"));
    }

    private static Object primaryRole(Map<?, ?> root) {
        Object primary = root.get("primary_role");
        return mapping(root.get("servers")).get(primary instanceof String name ? name : "web");
    }

    /** Kamal builds ./Dockerfile unless builder: dockerfile: names another. */
    /**
     * Whether Kamal builds the container's image: its builder's dockerfile (Dockerfile by default), and its target
     * stage, the Dockerfile's last one unless builder.target names another (a compose service may run a development
     * stage of the same Dockerfile, which Kamal does not deploy).
     */
    private static boolean dockerfileMatches(Map<?, ?> builder, BuildLink build) {
        String named = builder.get("dockerfile") instanceof String d ? d : "Dockerfile";
        if (!PathNames.fileName(build.dockerfile()).equals(PathNames.fileName(named))) {
            return false;
        }
        if (build.model() == null || build.stage() == null || build.model().stages().isEmpty()) {
            return true;
        }
        if (builder.get("target") instanceof String target) {
            return target.equalsIgnoreCase(build.stage().name());
        }
        var stages = build.model().stages();
        return stages.get(stages.size() - 1) == build.stage();
    }

}
