package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeListEdits;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.StartCapabilities;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeSecurity;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.PrivilegedPortBind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@RuleDefinition(
        id = "dropped-capability-needed-at-start",
        title = "Capability dropped that the container needs to start",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Compose services, and the Kubernetes containers that run an image the project builds with its own"
                + " entry point and command as root (under capabilities.drop and capabilities.add; their"
                + " securityContext as every leaf kustomization deploys them, after its overlays' patches), whose cap_drop removes ALL capabilities, or one that the service's start needs, and whose"
                + " cap_add does not give it back, where drydock can read what the start does as root: the entry point"
                + " of the official postgres (CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID), mysql, mariadb and mongo"
                + " (CHOWN, DAC_OVERRIDE, SETGID, SETUID; DAC_READ_SEARCH serves for DAC_OVERRIDE, as these entry"
                + " points only read the folders their server made private), redis and rabbitmq (CHOWN, SETGID, SETUID) images, pulled or"
                + " built on with their entry point kept, when the service starts their server; the official nginx"
                + " image (CHOWN, SETGID, SETUID: its master switches its workers to the nginx user and chowns its"
                + " temporary folders); and a project's own entry-point script or command that switches users with"
                + " gosu, su-exec, setpriv, runuser, su or chroot --userspec (SETUID and SETGID; CHOWN when the script"
                + " chowns; SYS_CHROOT for chroot). Quiet when the service runs as a non-root `user:` (or its image"
                + " ends with a non-root USER), since these entry points then skip their root steps, and for any"
                + " other image. Also compose services whose server binds a port below 1024 as root (nginx's listen,"
                + " the port the command or the code sets) and whose cap_drop takes NET_BIND_SERVICE without giving it"
                + " back: high under network_mode: host, where the host's net.ipv4.ip_unprivileged_port_start (1024"
                + " by default) applies; low otherwise, where Docker 20.10 and later lower it to 0 in the container's"
                + " network namespace but Podman and older Docker do not; quiet when the service's sysctls lower it."
                + " Likewise Kubernetes containers that run such a server as root (runAsUser 0, or the image's root user"
                + " without runAsNonRoot) with capabilities.drop taking NET_BIND_SERVICE (or ALL) and no"
                + " capabilities.add of it: high, since Kubernetes leaves the sysctl at 1024 unless the node's runtime"
                + " lowers it (containerd 2.0 does, CRI-O and containerd 1.x do not); quiet when the pod's"
                + " securityContext.sysctls sets it or the manifest may move the server (args, envFrom, a port"
                + " variable). A non-root container is left to non-root-privileged-port.",
        problem = "Dropping capabilities takes them from root too: the entry point's chown fails with \"Operation not"
                + " permitted\", and gosu with \"failed switching to 'postgres': operation not permitted\".",
        impact = "The container exits as it starts (or on its second start, once the data folder belongs to the"
                + " server's user); the services that depend on it fail or wait forever.",
        recommendation = "Give back exactly what the start needs with cap_add (`cap_add: [CHOWN, SETGID, SETUID]`),"
                + " keeping `cap_drop: [ALL]`; or, where the image supports it, run it as its user from the start"
                + " (`user: postgres`), which needs no capability at all.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#cap_add",
                "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
                "https://man7.org/linux/man-pages/man7/capabilities.7.html",
                "https://github.com/docker-library/postgres/blob/master/docker-entrypoint.sh",
                "https://github.com/docker-library/postgres/issues/649"},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          cache:
                            image: redis:7.4
                            cap_drop: [ALL]
                        """,
                good = """
                        services:
                          cache:
                            image: redis:7.4
                            cap_drop: [ALL]
                            cap_add: [CHOWN, SETGID, SETUID]
                        """))
public final class DroppedCapabilityNeededAtStart implements Rule {

    @Override
    public void check(ReviewContext context) {
        kubernetes(context);
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (service.capDrop().isEmpty()) {
                continue;
            }
            Set<String> added = service.capAdd().stream().map(c -> HardeningTargets.capability(c.value()))
                    .collect(Collectors.toSet());
            if (added.contains("ALL")) {
                continue;
            }
            StartCapabilities needs = StartCapabilities.of(context, service).orElse(null);
            StartCapabilities.PortBind bind = StartCapabilities.lowPort(context, service).orElse(null);
            if (needs == null && bind == null) {
                continue;
            }
            Located<String> dropsAll = service.capDrop().stream()
                    .filter(c -> HardeningTargets.capability(c.value()).equals("ALL")).findFirst().orElse(null);
            List<String> wanted = new ArrayList<>(needs == null ? List.of() : needs.capabilities());
            if (bind != null) {
                wanted.add(StartCapabilities.PortBind.CAPABILITY);
            }
            List<String> missing = new ArrayList<>();
            Located<String> at = dropsAll;
            for (String capability : wanted.stream().sorted().toList()) {
                Located<String> dropped = dropsAll != null ? dropsAll : service.capDrop().stream()
                        .filter(c -> HardeningTargets.capability(c.value()).equals(capability)).findFirst().orElse(null);
                if (dropped != null && !StartCapabilities.givenBack(capability, added)) {
                    missing.add(capability);
                    at = at == null ? dropped : at;
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            boolean startMissing = needs != null && missing.stream().anyMatch(needs.capabilities()::contains);
            boolean bindMissing = bind != null && missing.contains(StartCapabilities.PortBind.CAPABILITY);
            List<String> because = new ArrayList<>();
            if (startMissing) {
                because.add(needs.reason() + ", which needs " + String.join(", ", needs.capabilities()));
            }
            if (bindMissing) {
                because.add(bind.reason());
            }
            String list = "[" + String.join(", ", missing) + "]";
            TextEdit edit = ComposeListEdits.addItems(service.node(), "cap_add", missing);
            boolean fails = startMissing || bind.hostNetwork();
            var finding = context.finding(this, ComposeServices.location(at.node()), service.name() + " drops "
                            + (dropsAll != null ? "all capabilities" : String.join(", ", missing)) + " (cap_drop)"
                            + (added.isEmpty() ? "" : " and its cap_add does not give back " + String.join(", ", missing))
                            + ", but " + String.join("; and ", because) + (startMissing
                            ? ": the container exits as it starts (\"operation not permitted\"" + (bindMissing
                                    ? ", or \"permission denied\" on bind" : "") + ")"
                            : fails ? ": the server stops at start with \"permission denied\" on bind and the container"
                                    + " exits"
                            : ": there the server stops at start with \"permission denied\" on bind"))
                    .recommendation((added.isEmpty() ? "Add `cap_add: " + list + "` to " : "Add " + String.join(", ", missing)
                            + " to the cap_add of ") + service.name() + ", what its start needs and nothing more"
                            + (bindMissing && !bind.hostNetwork() ? " (NET_BIND_SERVICE only matters where the engine"
                                    + " leaves " + PrivilegedPortBind.SYSCTL + " at 1024; moving the server to a port"
                                    + " above 1023 needs it nowhere)" : bindMissing ? " (or move the server to a port"
                                    + " above 1023, which needs no capability)" : "")
                            + (!startMissing || needs.nonRootUser() == null ? "." : "; or run it as its own user from the start with"
                            + " `user: " + needs.nonRootUser() + "`, which skips these steps and needs no capability"
                            + " (the files it writes must then belong to that user)."))
                    .fix(edit == null ? null : Fix.of("give " + service.name() + " back " + String.join(", ", missing),
                            FixSafety.UNSAFE, edit));
            if (!fails) {
                finding.severity(Severity.LOW);
            }
            finding.add();
        }
    }

    /**
     * The Kubernetes containers that run an image the project builds with its own entry point and command, as root
     * (no runAsUser other than 0, no runAsNonRoot), whose capabilities.drop takes what that start needs, or
     * NET_BIND_SERVICE where the image's server binds a port below 1024 and nothing lowers the first unprivileged port.
     */
    private void kubernetes(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c.isComposeService() || !seen.add(c.build().dockerfile())) {
                continue;
            }
            StartCapabilities needs = StartCapabilities.ofImage(context, c).orElse(null);
            PrivilegedPortBind bind = PrivilegedPortBind.nonRootUser(c).isPresent() ? null
                    : PrivilegedPortBind.of(context, c).orElse(null);
            if (needs == null && bind == null) {
                continue;
            }
            for (KubernetesRuns run : KubernetesRuns.of(context, c)) {
                run.everyLeaf(context, leaf -> kubernetes(context, c, leaf, needs, bind, false))
                        .ifPresent(leaf -> kubernetes(context, c, leaf, needs, bind, true));
            }
        }
    }

    /** Whether the container as it is deployed drops what its start needs; {@code add}: the finding is added. */
    private boolean kubernetes(ReviewContext context, Container c, KubernetesRuns run, StartCapabilities needs,
            PrivilegedPortBind bind, boolean add) {
        KubeContainer k = run.container();
        KubeSecurity security = run.security();
        if (!k.command().isEmpty() || !k.args().isEmpty() || Boolean.TRUE.equals(security.privileged())
                || Boolean.TRUE.equals(security.runAsNonRoot())
                || security.runAsUser() != null && security.runAsUser() != 0) {
            return false;
        }
        Set<String> added = security.capabilitiesAdd().stream().map(HardeningTargets::capability)
                .collect(Collectors.toSet());
        Set<String> dropped = security.capabilitiesDrop().stream().map(HardeningTargets::capability)
                .collect(Collectors.toSet());
        if (added.contains("ALL")) {
            return false;
        }
        boolean hostNetwork = run.workload().hostNetwork();
        String variable = bind == null ? null : bind.listening().setting(0);
        if (bind != null && (run.mayMoveServer(variable == null ? null : variable.substring(0, variable.indexOf('=')))
                || !hostNetwork && run.workload().sysctls().contains(PrivilegedPortBind.SYSCTL))) {
            bind = null; // the manifest may move the server, or the pod lowers the first unprivileged port itself
        }
        List<String> wanted = new ArrayList<>(needs == null ? List.of() : needs.capabilities());
        if (bind != null) {
            wanted.add(StartCapabilities.PortBind.CAPABILITY);
        }
        List<String> missing = wanted.stream().sorted()
                .filter(cap -> (dropped.contains("ALL") || dropped.contains(cap))
                        && !StartCapabilities.givenBack(cap, added)).toList();
        String written = run.file("capabilities.drop");
        var file = context.project().source(written).orElse(null);
        int line = security.capabilitiesDropLine();
        if (missing.isEmpty() || file == null || line < 1 || line > file.lineCount()) {
            return false;
        }
        if (!add) {
            return true;
        }
        boolean startMissing = needs != null && missing.stream().anyMatch(needs.capabilities()::contains);
        boolean bindMissing = bind != null && missing.contains(StartCapabilities.PortBind.CAPABILITY);
        List<String> because = new ArrayList<>();
        if (startMissing) {
            because.add(needs.reason() + " (" + c.build().dockerfile() + "'s image), which needs "
                    + String.join(", ", needs.capabilities()));
        }
        if (bindMissing) {
            because.add(bind.server() + " in " + c.build().dockerfile() + "'s image binds port " + bind.port()
                    + " as root, which needs NET_BIND_SERVICE: " + (hostNetwork ? "the pod uses hostNetwork, so the"
                    + " node's own " + PrivilegedPortBind.SYSCTL + " applies (1024 by default)" : "Kubernetes leaves "
                    + PrivilegedPortBind.SYSCTL + " at the kernel's 1024 in the pod unless its securityContext.sysctls"
                    + " lowers it or the node's runtime does by default (containerd 2.0 does; CRI-O and containerd 1.x"
                    + " do not)"));
        }
        List<String> keep = new ArrayList<>(added.stream().filter(cap -> !cap.equals("ALL")).sorted().toList());
        keep.addAll(missing);
        String yaml = "`capabilities: {drop: [" + String.join(", ", security.capabilitiesDrop()) + "], add: ["
                + String.join(", ", keep.stream().distinct().sorted().toList()) + "]}`";
        StringBuilder recommendation = new StringBuilder("Add " + String.join(", ", missing)
                + " to capabilities.add of " + run.describe() + " (" + yaml + "), what its start needs and nothing"
                + " more");
        if (startMissing && needs.nonRootUser() != null) {
            recommendation.append("; or run it as its own user from the start (runAsUser with the uid of ")
                    .append(needs.nonRootUser()).append("), which skips these steps and needs no capability");
        }
        recommendation.append('.');
        if (bindMissing) {
            int to = bind.replacement();
            recommendation.append(" Or, for the port, move the server above 1023: ").append(bind.move(context, c))
                    .append(", with `containerPort: ").append(to).append("` in ").append(run.describe())
                    .append(" and `targetPort: ").append(to).append("` in the Service that sends it traffic")
                    .append(hostNetwork ? "." : "; or lower the sysctl for the pod: `securityContext: {sysctls:"
                            + " [{name: " + PrivilegedPortBind.SYSCTL + ", value: \"" + bind.lowest() + "\"}]}` (a"
                            + " safe sysctl since Kubernetes 1.22).");
        }
        context.finding(this, new Location(written, file.lines(line, line)), run.describe() + " drops "
                        + (dropped.contains("ALL") ? "all capabilities" : String.join(", ", missing))
                        + " (capabilities.drop), but " + String.join("; and ", because) + ": "
                        + (startMissing ? "the container exits as it starts" : "the server stops at start with"
                        + " \"permission denied\" on bind") + " and restarts over and over (CrashLoopBackOff)")
                .recommendation(recommendation.toString())
                .add();
        return true;
    }
}
