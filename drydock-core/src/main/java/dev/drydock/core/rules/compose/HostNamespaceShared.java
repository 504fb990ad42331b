package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.HostNetworkImages;
import dev.drydock.core.rules.support.HostNetworkImages.HostNetworkImage;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "host-namespace-shared",
        title = "Host namespace shared with a service",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The namespace keys of every compose service set to `host`: pid (high), network_mode, ipc, cgroup"
                + " and userns_mode (medium), uts (low). Sharing with another service or container"
                + " (`service:db`, `container:x`) stays inside the project and is left alone, as is a missing key."
                + " network_mode: host on an image whose own installation guide sets it for discovery on the LAN"
                + " (Home Assistant, Jellyfin) is low, and the advice weighs that discovery against the port to"
                + " publish.",
        problem = "A namespace shared with the host removes one wall of the container: with pid: host it sees and"
                + " can signal every process of the host; with network_mode: host it listens on the host's"
                + " interfaces and reaches services bound to the host's 127.0.0.1; with ipc: host it reads the"
                + " host's shared memory; userns_mode: host turns off the daemon's user-namespace remapping, so"
                + " root in the container is root on the host.",
        impact = "A compromise of the service reaches the host's processes, local network services or memory.",
        recommendation = "Remove the key. Publish ports instead of network_mode: host; share a namespace with the one"
                + " service that needs it (`pid: service:app`) for debugging sidecars.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#pid",
                "https://docs.docker.com/reference/compose-file/services/#network_mode",
                "https://docs.docker.com/reference/compose-file/services/#ipc",
                "https://docs.docker.com/reference/compose-file/services/#userns_mode",
                "https://docs.docker.com/engine/security/userns-remap/#disable-namespace-remapping-for-a-container"},
        aliases = {"Host Namespace is Shared", "Shared Host IPC Namespace", "Shared Host Network Namespace",
                "Shared Host User Namespace"},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: nginx:1.27.2
                            network_mode: host
                        """,
                good = """
                        services:
                          web:
                            image: nginx:1.27.2
                            ports:
                              - "80:80"
                        """))
public final class HostNamespaceShared implements Rule {

    private record Namespace(String key, Severity severity, String effect) {}

    private static final List<Namespace> NAMESPACES = List.of(
            new Namespace("pid", Severity.HIGH, "sees every process of the host and, as root, can signal them and"
                    + " read their environment and memory"),
            new Namespace("network_mode", Severity.MEDIUM, "listens on the host's interfaces without the port list"
                    + " as a filter and reaches every service bound to the host's 127.0.0.1"),
            new Namespace("ipc", Severity.MEDIUM, "reads and writes the host's System V and POSIX shared memory"),
            new Namespace("cgroup", Severity.MEDIUM, "sees the host's whole cgroup tree"),
            new Namespace("userns_mode", Severity.MEDIUM, "is not remapped by the daemon's user namespace: root in it"
                    + " is root on the host"),
            new Namespace("uts", Severity.LOW, "shares the host's hostname and, as root with SYS_ADMIN, can change it"));

    /**
     * What ipc: host is usually there for: a /dev/shm larger than Docker's 64 MB, which PyTorch's DataLoader workers
     * and NCCL between GPUs (vLLM's and text-generation-inference's tensor parallelism) fill.
     */
    private static final String IPC_INSTEAD = " and give it the shared memory it needs with its own /dev/shm:"
            + " `shm_size: 8gb` (sized to the load). Docker's default /dev/shm is 64 MB, too small for PyTorch's"
            + " DataLoader workers and for NCCL between GPUs, which is why ipc: host is usually set; shm_size"
            + " enlarges it without sharing the host's memory.";

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Namespace ns : NAMESPACES) {
                String value = service.node().string(ns.key());
                if (value == null || !value.trim().equals("host")) {
                    continue;
                }
                Location at = ComposeServices.keyed(service.node(), ns.key());
                Optional<HostNetworkImage> guided = ns.key().equals("network_mode")
                        ? ComposeServices.pulledImage(service).flatMap(HostNetworkImages::of) : Optional.empty();
                if (guided.isPresent()) {
                    reportGuided(context, at, service.name(), ns, guided.get());
                    continue;
                }
                context.finding(this, at, service.name() + " shares the host's " + name(ns.key()) + " namespace ("
                                + ns.key() + ": host): it " + ns.effect())
                        .severity(ns.severity())
                        .recommendation("Remove `" + ns.key() + ": host` from " + service.name()
                                + (ns.key().equals("network_mode") ? " and publish the ports it serves under ports:."
                                        : ns.key().equals("ipc") ? IPC_INSTEAD : "."))
                        .add();
            }
        }
    }

    /**
     * network_mode: host on an image whose own guide sets it: the cost stays, but the advice weighs what the host
     * network gives it, and names the port to publish when discovery is not needed.
     */
    private void reportGuided(ReviewContext context, Location at, String service, Namespace ns,
            HostNetworkImage image) {
        context.finding(this, at, service + " shares the host's network namespace (network_mode: host), as "
                        + image.product() + "'s installation guide sets it so that " + image.discovery() + ": it "
                        + ns.effect())
                .severity(Severity.LOW)
                .recommendation("Keep it if " + service + " relies on that discovery, and then make sure nothing on"
                        + " the host listens on 127.0.0.1 that " + image.product() + " should not reach; otherwise"
                        + " remove `network_mode: host` and publish its web interface under ports: (`127.0.0.1:"
                        + image.port() + ":" + image.port() + "` behind a reverse proxy on the same host, `"
                        + image.port() + ":" + image.port() + "` for the LAN), adding devices by address.")
                .add();
    }

    private static String name(String key) {
        return switch (key) {
            case "pid" -> "process";
            case "network_mode" -> "network";
            case "ipc" -> "IPC";
            case "userns_mode" -> "user";
            case "uts" -> "UTS";
            default -> key;
        };
    }
}
