package dev.drydock.core.rules.compose;

import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.review.Location;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeHostPath;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "docker-socket-mounted",
        title = "Container engine socket mounted",
        severity = Severity.CRITICAL,
        category = Category.SECURITY,
        checks = "Bind mounts (short and long syntax, after interpolation) whose host path is the API socket of a"
                + " container engine (docker.sock, podman.sock, containerd.sock, the docker_engine named pipe on"
                + " Windows) or a folder that holds it (/run, /var/run), read-only or not, and"
                + " `use_api_socket: true`; the same paths as the `hostPath.path` of a Kubernetes pod's volume that a"
                + " container mounts (the node's engine is root on the node and reaches every pod); in a devcontainer.json, the same in its mounts and in the -v, --volume and"
                + " --mount options of its runArgs. A socket proxy (an image named *socket-proxy, such as"
                + " tecnativa/docker-socket-proxy), which mounts the socket to hand out a filtered API, is left alone.",
        problem = "The engine's API socket is root on the host: whoever can talk to it can start a privileged"
                + " container that mounts the host's / file system. Mounting it read-only changes nothing, a socket"
                + " is used by connecting to it, not by writing the file.",
        impact = "Code execution in the service (a vulnerable dependency, an exposed admin page) becomes full"
                + " control of the host and of every container on it.",
        recommendation = "Do not give services the socket. A service that only needs to watch containers (Traefik,"
                + " monitoring) can go through a socket proxy that allows read-only API calls; CI runners can use"
                + " rootless or remote builders.",
        references = {
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-1-do-not-expose-the-docker-daemon-socket-even-to-the-containers",
                "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
                "https://docs.docker.com/reference/compose-file/services/#use_api_socket",
                "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
                "https://containers.dev/implementors/json_reference/"},
        aliases = {"Docker Socket Mounted In Container"},
        effort = "1 h",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          proxy:
                            image: traefik:v3.1.6
                            volumes:
                              - /var/run/docker.sock:/var/run/docker.sock:ro
                        """,
                good = """
                        services:
                          proxy:
                            image: traefik:v3.1.6
                            volumes:
                              - ./traefik.yml:/etc/traefik/traefik.yml:ro
                        """))
public final class DockerSocketMounted implements Rule {

    private static final Set<String> SOCKETS = Set.of("docker.sock", "podman.sock", "containerd.sock", "docker_engine");

    /** Host folders that hold the engine's socket ({@code /var/run} is a link to {@code /run} on current systems). */
    private static final Set<String> SOCKET_FOLDERS = Set.of("/run", "/var/run");

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            List<Service.Volume> sockets = new ArrayList<>();
            List<Service.Volume> folders = new ArrayList<>();
            for (Service.Volume volume : isSocketProxy(service) ? List.<Service.Volume>of() : service.volumes()) {
                if (!(volume.isBind() || "npipe".equals(volume.type())) || volume.source() == null) {
                    continue;
                }
                String source = volume.source().replace('\\', '/');
                if (source.startsWith("/") && SOCKET_FOLDERS.contains(PathNames.normalizeAbsolute("/", source))) {
                    folders.add(volume);
                } else if (SOCKETS.contains(PathNames.fileName(source))) {
                    sockets.add(volume);
                }
            }
            // one finding per service: the socket's own mount, naming a folder mount that holds it too
            for (Service.Volume volume : sockets.isEmpty() ? folders : sockets) {
                boolean folder = sockets.isEmpty();
                String source = volume.source().replace('\\', '/');
                String also = folder || folders.isEmpty() ? "" : ", and its folder "
                        + folders.get(0).source() + " as well (line " + folders.get(0).node().span().startLine() + "),";
                String what = folder ? " the host's " + volume.source() + ", which holds the engine socket, docker.sock"
                        : " the engine socket " + volume.source() + also;
                String recommendation = "Remove the mount" + (also.isEmpty() ? "" : "s") + " from " + service.name()
                        + "; if it only reads container events, give it a socket proxy that allows read-only API"
                        + " calls.";
                Service.Volume documented = folder ? volume : folders.isEmpty() ? null : folders.get(0);
                if (documented != null && HostAgents.of(service).filter(a -> a.documents(PathNames.normalizeAbsolute("/",
                        documented.source().replace('\\', '/')))).isPresent()) {
                    recommendation = "cAdvisor's documentation mounts " + documented.source() + " for the socket, to"
                            + " read the containers' names and labels: point it at a socket proxy that allows only"
                            + " read-only API calls instead (`--docker=tcp://socket-proxy:2375`) and remove the mount"
                            + (also.isEmpty() ? "" : "s") + ".";
                }
                context.finding(this, ComposeServices.location(volume.node()), service.name() + " mounts" + what
                                + (volume.readOnly() ? " (read-only does not help: the"
                                + " socket is used by connecting, not by writing)" : "")
                                + ": it can start a privileged container on the host, which makes it root there")
                        .recommendation(recommendation)
                        .add();
            }
            MapNode.Entry api = service.node().entry("use_api_socket");
            if (api != null && "true".equalsIgnoreCase(String.valueOf(service.node().string("use_api_socket")))) {
                context.finding(this, ComposeServices.keyed(service.node(), "use_api_socket"), service.name()
                                + " gets the engine's API socket and the user's registry credentials"
                                + " (use_api_socket: true): it can start a privileged container on the host")
                        .recommendation("Remove `use_api_socket: true` from " + service.name() + ".")
                        .add();
            }
        }
        for (KubeWorkload workload : context.project().kubernetesWorkloads()) {
            for (KubeHostPath volume : workload.hostPaths()) {
                kubernetes(context, workload, volume);
            }
        }
        for (DevContainer dev : context.project().devContainers()) {
            for (DevContainer.Mount mount : dev.bindMounts()) {
                if (mount.source() != null && engineSocket(mount.source())) {
                    context.finding(this, new Location(dev.path(), mount.span()), dev.path() + " mounts the engine"
                                    + " socket " + mount.source() + " into the dev container: whatever runs in it (a"
                                    + " dependency's install script, an extension) can start a privileged container on the"
                                    + " host, which makes it root there")
                            .recommendation("Remove the mount from " + dev.path() + " unless the dev container must"
                                    + " drive the host's engine; where it must, the dev container is as trusted as the"
                                    + " host: keep code you have not reviewed out of it.")
                            .add();
                }
            }
        }
    }

    /**
     * A hostPath volume of a Kubernetes pod that is the node's engine socket or a folder that holds it, mounted by a
     * container that is no socket proxy.
     */
    private void kubernetes(ReviewContext context, KubeWorkload workload, KubeHostPath volume) {
        var source = context.project().source(workload.file());
        if (!engineSocket(volume.path()) || source.isEmpty() || volume.line() <= 0) {
            return;
        }
        List<KubeContainer> containers = workload.containers().stream()
                .filter(c -> volume.containers().contains(c.name())).toList();
        if (!containers.isEmpty() && containers.stream().allMatch(c -> isSocketProxy(c.image()))) {
            return;
        }
        String path = volume.path().replace('\\', '/');
        boolean folder = !SOCKETS.contains(PathNames.fileName(path));
        String who = containers.size() == 1 ? workload.describe(containers.get(0))
                : workload.file() + " (" + workload.kind() + (workload.name() == null ? "" : " " + workload.name())
                        + ", containers " + String.join(", ", volume.containers()) + ")";
        String what = folder ? " the node's " + volume.path() + ", which holds the engine sockets,"
                : " the node's engine socket " + volume.path();
        String recommendation = "Remove the hostPath volume " + volume.volume() + " from " + who + "; if it only reads"
                + " container events, give it a socket proxy that allows read-only API calls.";
        String abs = path.startsWith("/") ? PathNames.normalizeAbsolute("/", path) : null;
        if (folder && abs != null && containers.stream().allMatch(c -> HostAgents.ofImage(c.image())
                .filter(a -> a.documents(abs)).isPresent())) {
            recommendation = "cAdvisor's documentation mounts " + volume.path() + " for the socket, to read the"
                    + " containers' names and labels: on Kubernetes the kubelet already runs cAdvisor and serves its"
                    + " metrics (/metrics/cadvisor), so scrape those and remove this DaemonSet's volume " + volume.volume()
                    + ".";
        }
        context.finding(this, new Location(workload.file(), source.get().lines(volume.line(), volume.line())), who
                        + " mounts" + what + " as the hostPath volume " + volume.volume() + (volume.readOnly()
                                ? " (readOnly does not help: the socket is used by connecting, not by writing)" : "")
                        + ": it can start a privileged container on the node, which makes it root there and gives it"
                        + " every pod's secrets")
                .recommendation(recommendation)
                .add();
    }

    /** The host path of the engine socket (or a folder that holds it) the service bind-mounts, if any. */
    public static java.util.Optional<String> mountedSocket(Service service) {
        return service.volumes().stream()
                .filter(v -> (v.isBind() || "npipe".equals(v.type())) && v.source() != null && engineSocket(v.source()))
                .map(Service.Volume::source).findFirst();
    }

    /** Whether a host path is an engine's API socket or a folder that holds one. */
    private static boolean engineSocket(String path) {
        String source = path.replace('\\', '/');
        return SOCKETS.contains(PathNames.fileName(source))
                || source.startsWith("/") && SOCKET_FOLDERS.contains(PathNames.normalizeAbsolute("/", source));
    }

    /** Whether the service runs a socket proxy, the remedy this rule recommends: it needs the socket it filters. */
    private static boolean isSocketProxy(Service service) {
        return ComposeServices.pulledImage(service).map(ImageReference::familiarName)
                .filter(name -> name.endsWith("socket-proxy")).isPresent();
    }

    /** Whether a Kubernetes container's image is a socket proxy. */
    private static boolean isSocketProxy(String image) {
        return image != null && ImageReference.tryParse(image).map(ImageReference::familiarName)
                .filter(name -> name.endsWith("socket-proxy")).isPresent();
    }
}
