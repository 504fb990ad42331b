package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Resource;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeHostPath;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "sensitive-host-path-mounted",
        title = "Sensitive host directory mounted",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The host path of every bind mount (short and long syntax, after interpolation: a source that begins"
                + " with $HOME counts as under the user's home, one with another variable that has no value is left"
                + " alone) and of named volumes"
                + " that the local driver binds (`driver_opts: {o: bind, device: ...}`), and the `hostPath.path` of"
                + " the volumes of Kubernetes pod specs (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) that a"
                + " container mounts, read-only when every volumeMount of it sets `readOnly: true`, reported at the"
                + " path. High for the host's root"
                + " and the directories that hold secrets or the engine's state (/etc, /root, /home, /var,"
                + " /var/lib/docker, anything under /root or /var/lib/docker, /etc/shadow, /etc/ssh,"
                + " ~/.ssh, ~/.aws, ~/.kube, ~/.docker, ~/.gnupg); high for system directories (/proc, /sys, /dev,"
                + " /boot, /usr, /lib, /bin, /sbin) mounted writable and medium read-only. Files and directories"
                + " below /etc other than those (/etc/localtime, /etc/nginx) are left alone; engine sockets and the"
                + " folders that hold them (/run, /var/run) are docker-socket-mounted's. A host monitoring agent"
                + " (Prometheus' node exporter, cAdvisor) mounting what its documentation mounts, read-only, is"
                + " medium (the host's root, /var/lib/docker) or low (/proc, /sys): the mount is by design, and"
                + " the finding says what the agent can read; the same holds for a Kubernetes container that runs"
                + " their image.",
        problem = "A bind mount gives the container the host's files as they are: /etc holds password hashes and"
                + " keys, /root and ~/.ssh hold credentials, /var/lib/docker every container's files and secrets;"
                + " written to, /proc, /sys or /usr change the host itself.",
        impact = "A compromise of the service leaks the host's credentials or lets it change the host's system"
                + " files.",
        recommendation = "Mount only the file or directory the service needs (one config file, read-only), or a"
                + " named volume; read host metrics through an agent made for it rather than the whole /proc.",
        references = {
                "https://docs.docker.com/engine/storage/bind-mounts/#considerations-and-constraints",
                "https://docs.docker.com/reference/compose-file/services/#volumes",
                "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-8-set-filesystem-and-volumes-to-read-only"},
        aliases = {"Volume Has Sensitive Host Directory"},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          agent:
                            image: example/agent:2.3.1
                            volumes:
                              - /etc:/host/etc
                        """,
                good = """
                        services:
                          agent:
                            image: example/agent:2.3.1
                            volumes:
                              - /etc/localtime:/etc/localtime:ro
                        """))
public final class SensitiveHostPathMounted implements Rule {

    private static final Pattern HOME_PATH = Pattern.compile("/home/[^/]+(/.*)?");
    private static final Pattern HOME_FOLDER = Pattern.compile("/home/[^/]+/?");

    /** Directories whose contents are secrets or the engine's state: high, read-only or not. */
    private static final Map<String, String> SECRET_DIRECTORIES = Map.ofEntries(
            Map.entry("/", "the host's whole file system"),
            Map.entry("/etc", "the host's configuration, with password hashes and private keys"),
            Map.entry("/root", "root's home, with its SSH keys and credentials"),
            Map.entry("/home", "the users' homes, with their SSH keys and credentials"),
            Map.entry("/var", "the host's state, with the engine's data and socket"),
            Map.entry("/var/lib", "the host's service data, with every container's files"),
            Map.entry("/var/lib/docker", "every container's files, volumes and secrets"));

    /** Directories anything under which is sensitive. */
    private static final Map<String, String> SECRET_TREES = Map.of(
            "/root", "root's home",
            "/var/lib/docker", "the engine's data (every container's files, volumes and secrets)",
            "/etc/ssh", "the host's SSH keys",
            "/etc/shadow", "the host's password hashes",
            "/etc/gshadow", "the host's group password hashes",
            "/etc/sudoers", "the host's sudo rules",
            "/etc/kubernetes", "the node's Kubernetes credentials",
            "/etc/docker", "the engine's configuration and TLS keys");

    /** Credential folders of a home directory. */
    private static final Set<String> HOME_SECRETS = Set.of(".ssh", ".aws", ".kube", ".docker", ".gnupg", ".azure",
            ".config/gcloud");

    /** System directories: high when writable, medium read-only. */
    private static final Map<String, String> SYSTEM_DIRECTORIES = Map.of(
            "/proc", "the host's processes and kernel settings",
            "/sys", "the host's kernel and device settings",
            "/dev", "the host's devices",
            "/boot", "the host's kernel and boot loader",
            "/usr", "the host's programs",
            "/lib", "the host's libraries",
            "/lib64", "the host's libraries",
            "/bin", "the host's programs",
            "/sbin", "the host's system programs");

    private static final Set<String> SOCKETS = Set.of("docker.sock", "podman.sock", "containerd.sock");

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Service.Volume volume : service.volumes()) {
                String source = volume.isBind() && volume.source() != null ? knownHostPath(volume) : null;
                if (source != null) {
                    report(context, service, source, volume.readOnly(), ComposeServices.location(volume.node()));
                } else if (volume.isNamedVolume()) {
                    boundVolume(context, ref.compose(), service, volume);
                }
            }
        }
        for (KubeWorkload workload : context.project().kubernetesWorkloads()) {
            for (KubeHostPath volume : workload.hostPaths()) {
                kubernetes(context, workload, volume);
            }
        }
    }

    /** A named volume of the local driver with {@code o: bind}: its device is a host path. */
    private void boundVolume(ReviewContext context, ComposeProject compose, Service service, Service.Volume volume) {
        Resource resource = compose.volumes().get(volume.source());
        MapNode options = resource == null || resource.map() == null ? null : resource.map().map("driver_opts");
        if (options == null || options.string("device") == null || options.string("o") == null
                || !List.of(options.string("o").split(",")).contains("bind")) {
            return;
        }
        ScalarNode device = options.scalar("device");
        report(context, service, device.value(), volume.readOnly(), ComposeServices.location(device));
    }

    private void report(ReviewContext context, Service service, String source, boolean readOnly, Location at) {
        Sensitive found = classify(source, readOnly);
        if (found == null) {
            return;
        }
        String message = service.name() + " mounts " + source + " from the host" + (readOnly ? " (read-only)" : "")
                + ": " + found.what();
        String recommendation = "Mount only the file " + service.name() + " needs from " + source
                + ", read-only, or a named volume.";
        Severity severity = found.severity();
        HostAgents agent = found.abs() == null ? null
                : HostAgents.of(service).filter(a -> a.documents(found.abs())).orElse(null);
        if (agent != null && readOnly) {
            severity = found.agentSeverity();
            message += agentReads(agent);
            boolean hostNetwork = "host".equals(service.networkMode() == null ? null : service.networkMode().value());
            recommendation = "Keep the mount read-only, as " + agent.name() + " documents it, and let only"
                    + " Prometheus reach " + service.name() + "'s metrics port" + (hostNetwork
                            ? " (it shares the host's network: a listen address on the monitoring interface, or a"
                                    + " host firewall rule)."
                            : " (a network shared with it, not a port published on the host's interfaces).");
        } else if (agent != null) {
            message += agentWrites(agent);
            recommendation = "Add `:ro` to the mount (`read_only: true` in the long syntax), as " + agent.name()
                    + " documents it.";
        }
        context.finding(this, at, message)
                .severity(severity)
                .recommendation(recommendation)
                .add();
    }

    /**
     * A hostPath volume of a Kubernetes pod that its containers mount: the node's files, as a bind mount gives the
     * host's. Reported once, at the path, naming the containers that mount it; read-only when all of them do.
     */
    private void kubernetes(ReviewContext context, KubeWorkload workload, KubeHostPath volume) {
        boolean readOnly = volume.readOnly();
        Sensitive found = classify(volume.path(), readOnly);
        var source = context.project().source(workload.file());
        if (found == null || source.isEmpty() || volume.line() <= 0) {
            return;
        }
        List<KubeContainer> containers = workload.containers().stream()
                .filter(c -> volume.containers().contains(c.name())).toList();
        String who = containers.size() == 1 ? workload.describe(containers.get(0))
                : workload.file() + " (" + workload.kind() + (workload.name() == null ? "" : " " + workload.name())
                        + ", containers " + String.join(", ", volume.containers()) + ")";
        String message = who + " mounts the node's " + volume.path() + " (hostPath volume " + volume.volume()
                + (readOnly ? ", read-only" : "") + "): " + found.what();
        String recommendation = "Mount only the file " + String.join(", ", volume.containers()) + " needs from "
                + volume.path() + " (hostPath of that file, with `readOnly: true` on the volumeMount), or give it the"
                + " data through a ConfigMap, a Secret or a persistentVolumeClaim.";
        Severity severity = found.severity();
        // an agent's mount, when every container that mounts the path runs that agent
        HostAgents agent = found.abs() == null || containers.isEmpty() ? null
                : HostAgents.ofImage(containers.get(0).image()).filter(a -> a.documents(found.abs()))
                        .filter(a -> containers.stream().allMatch(c -> HostAgents.ofImage(c.image()).equals(Optional.of(a))))
                        .orElse(null);
        if (agent != null && readOnly) {
            severity = found.agentSeverity();
            message += agentReads(agent);
            recommendation = "Keep `readOnly: true` on the volumeMount, as " + agent.name() + " documents it, and let"
                    + " only Prometheus reach its metrics port" + (workload.hostNetwork()
                            ? " (the pod shares the node's network: a listen address on the monitoring interface, or a"
                                    + " host firewall rule)."
                            : " (a NetworkPolicy that admits only Prometheus' pods).");
        } else if (agent != null) {
            message += agentWrites(agent);
            recommendation = "Add `readOnly: true` to the volumeMount of " + volume.volume() + ", as " + agent.name()
                    + " documents it.";
        }
        context.finding(this, new Location(workload.file(), source.get().lines(volume.line(), volume.line())), message)
                .severity(severity)
                .recommendation(recommendation)
                .add();
    }

    private static String agentReads(HostAgents agent) {
        return "; " + agent.name() + " documents this mount to collect its metrics, so it is there by"
                + " design, but the agent, and whoever takes it over through its metrics port, can read all of it";
    }

    private static String agentWrites(HostAgents agent) {
        return "; " + agent.name() + " documents this mount read-only, and writable it lets the agent change"
                + " the host";
    }

    /**
     * What a sensitive host path gives away.
     *
     * @param what what the path holds, for the message
     * @param severity the severity for any container
     * @param abs the absolute, normalised path; null for a path under the user's home ({@code ~/.ssh})
     * @param agentSeverity the severity when a monitoring agent mounts it read-only, as documented
     */
    private record Sensitive(String what, Severity severity, String abs, Severity agentSeverity) {}

    /**
     * The host path of a bind mount as far as it can be told: a source that begins with $HOME, which the shell that
     * runs Compose always sets, is under the user's home (~/.ssh); one with another variable that has no value here
     * is a path drydock cannot know (the blank its interpolation leaves, /home//.pgpass, is no path Compose mounts).
     */
    private static String knownHostPath(Service.Volume volume) {
        String source = volume.source();
        for (Substitution s : volume.sourceSubstitutions()) {
            if (!s.isMissing()) {
                continue;
            }
            if (s.name().equals("HOME") && s.start() == 0 && !s.nested() && !source.startsWith("~")) {
                source = "~" + (source.startsWith("/") ? source : "/" + source);
            } else {
                return null;
            }
        }
        return source;
    }

    /** What mounting the host path gives away; null when it is not sensitive (or is docker-socket-mounted's). */
    private static Sensitive classify(String source, boolean readOnly) {
        String path = source.replace('\\', '/');
        String what = null;
        Severity severity = Severity.HIGH;
        String abs = null;
        if (path.startsWith("~/") || path.equals("~")) {
            String rest = path.length() > 2 ? PathNames.normalizeRelative(path.substring(2)) : "";
            what = homeSecret(rest, "the user's");
        } else if (path.startsWith("/")) {
            abs = PathNames.normalizeAbsolute("/", path);
            if (SOCKETS.contains(PathNames.fileName(abs))) {
                return null;
            }
            what = SECRET_DIRECTORIES.get(abs);
            for (Map.Entry<String, String> tree : SECRET_TREES.entrySet()) {
                if (what == null && PathNames.isUnder(abs, tree.getKey())) {
                    what = tree.getValue();
                }
            }
            if (what == null && HOME_PATH.matcher(abs).matches()) {
                what = homeSecret(HOME_FOLDER.matcher(abs).replaceFirst(""), "a user's");
            }
            if (what == null && SYSTEM_DIRECTORIES.containsKey(abs)) {
                what = SYSTEM_DIRECTORIES.get(abs);
                severity = readOnly ? Severity.MEDIUM : Severity.HIGH;
            }
        }
        if (what == null) {
            return null;
        }
        return new Sensitive(what, severity, abs,
                abs != null && SYSTEM_DIRECTORIES.containsKey(abs) ? Severity.LOW : Severity.MEDIUM);
    }

    /** What a home directory, or the path {@code rest} under it, holds of the user's credentials; null if nothing. */
    private static String homeSecret(String rest, String whose) {
        for (String secret : HOME_SECRETS) {
            if (rest.isEmpty() || PathNames.isUnder(rest, secret)) {
                return rest.isEmpty() ? whose + " home, with SSH keys and cloud credentials"
                        : whose + " " + secret + " credentials";
            }
        }
        return null;
    }
}
