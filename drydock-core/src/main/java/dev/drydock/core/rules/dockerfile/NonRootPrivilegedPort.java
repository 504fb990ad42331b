package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Located;
import dev.drydock.core.kubernetes.KubeSecurity;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.compose.SecurityOption;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.KamalDeploy;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.PrivilegedPortBind;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "non-root-privileged-port",
        title = "Non-root server listens on a port below 1024",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Containers whose server listens on a port below 1024, where drydock reads the port (nginx's listen"
                + " in the configuration the image copies or its own default server, Apache httpd's Listen in httpd.conf or ports.conf, FrankenPHP's SERVER_NAME,"
                + " RoadRunner's http.address, the site addresses of a Caddyfile, HAProxy's bind lines, Traefik's"
                + " entry points, the port the command sets or the server's own settings give (gunicorn's"
                + " configuration file and GUNICORN_CMD_ARGS, UVICORN_PORT, hypercorn's TOML bind), ASP.NET Core's"
                + " ASPNETCORE_URLS or"
                + " ASPNETCORE_HTTP_PORTS, the port the application's code listens on; for a Kubernetes container whose"
                + " env gives the variable the server reads its port from a number, and nothing else may move it, that"
                + " number) and that run it as a non-root"
                + " user: compose user: or the image's last USER, a base image known to start as non-root (haproxy 2.4"
                + " and later, which end with USER haproxy), or a"
                + " Kubernetes runAsUser. High when the service uses network_mode: host, and for a Kubernetes container"
                + " that runs the image (also a pod with hostNetwork; its securityContext as every leaf kustomization"
                + " deploys it, after its overlays' patches); low otherwise, where Docker makes it work. Quiet"
                + " for an image Kamal deploys (config/deploy.yml beside the build context, its builder's Dockerfile"
                + " and target): Kamal runs it with Docker on its own network, where Docker 20.10 and later set"
                + " net.ipv4.ip_unprivileged_port_start to 0 (high when the primary role's options say network: host,"
                + " the host's own namespace). Quiet"
                + " when the server runs as root (nginx's and Apache's masters bind as root and drop their workers),"
                + " when a RUN gives a program the capability with setcap cap_net_bind_service, as the official caddy"
                + " image does for /usr/bin/caddy and dunglas/frankenphp for /usr/local/bin/frankenphp (unless the compose service's cap_drop takes NET_BIND_SERVICE, when"
                + " the kernel refuses to start the binary at all, or the compose"
                + " service sets no-new-privileges or the Kubernetes container allowPrivilegeEscalation: false, under"
                + " which the kernel ignores file capabilities: there setcap is not recommended either), when the compose"
                + " service's sysctls or the pod's securityContext.sysctls set net.ipv4.ip_unprivileged_port_start,"
                + " and when the port is 1024 or above or cannot be told.",
        problem = "Only root or a process with CAP_NET_BIND_SERVICE may bind a port below 1024, unless"
                + " net.ipv4.ip_unprivileged_port_start is lowered in the container's network namespace. Docker 20.10"
                + " and later set it to 0 in each namespace they create, so the server starts there; Podman, Kubernetes"
                + " nodes on CRI-O or containerd 1.x, older Docker, and host networking (the host's own value) keep the"
                + " kernel's 1024. Giving the container the capability (cap_add) does not reach a non-root process.",
        impact = "Moved off Docker's bridge networks, the server stops at start with \"permission denied\" on bind"
                + " (nginx: `bind() to 0.0.0.0:80 failed (13: Permission denied)`), and the container or pod restarts"
                + " in a loop.",
        recommendation = "Move the server to a port above 1024 (8080 for 80, 8443 for 443) and change the EXPOSE line,"
                + " the published ports and the healthchecks or probes to match; or give the server's binary the"
                + " capability in the image (RUN setcap cap_net_bind_service=+ep /path/to/server), or set the sysctl"
                + " where the runtime allows it (Kubernetes: securityContext.sysctls of the pod, a safe sysctl since"
                + " 1.22).",
        references = {
                "https://github.com/moby/moby/pull/41030",
                "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/",
                "https://docs.kernel.org/networking/ip-sysctl.html",
                "https://github.com/nginx/docker-nginx-unprivileged",
                "https://frankenphp.dev/docs/docker/"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        WORKDIR /app
                        COPY . .
                        USER app
                        EXPOSE 80
                        CMD ["gunicorn", "--bind", "0.0.0.0:80", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        WORKDIR /app
                        COPY . .
                        USER app
                        EXPOSE 8080
                        CMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]
                        """))
public final class NonRootPrivilegedPort implements Rule {

    private static final String FAILS = "the server stops at start with \"permission denied\" on bind";

    @Override
    public void check(ReviewContext context) {
        Set<Location> reported = new HashSet<>();
        Set<String> kubernetesChecked = new HashSet<>();
        for (Container c : context.builtContainers()) {
            PrivilegedPortBind bind = PrivilegedPortBind.withFileCapability(context, c).orElse(null);
            if (!c.isComposeService()) {
                List<KubernetesRuns> runs = KubernetesRuns.of(context, c);
                if (!runs.isEmpty()) {
                    if (kubernetesChecked.add(c.build().dockerfile())) {
                        runs.forEach(run -> run.everyLeaf(context, leaf -> kubernetes(context, c, bind, leaf, false))
                                .ifPresent(leaf -> kubernetes(context, c, bind, leaf, true)));
                    }
                    continue; // how the project runs the image is known: the findings are about those containers
                }
            }
            if (bind == null) {
                continue;
            }
            String user = PrivilegedPortBind.nonRootUser(c).orElse(null);
            boolean noNewPrivileges = c.service() != null && SecurityOption.noNewPrivileges(c.service());
            boolean capabilityDropped = c.service() != null && dropsBindCapability(c.service());
            if (user == null || c.service() != null && bind.loweredBy(c.service())
                    || bind.fileCapability() && !noNewPrivileges && !capabilityDropped) {
                continue;
            }
            Located<String> network = c.service() == null ? null : c.service().networkMode();
            if (network != null && "host".equals(network.value())) {
                hostNetwork(context, c, bind, user, network, noNewPrivileges);
                continue;
            }
            KamalDeploy kamal = KamalDeploy.of(context, c).orElse(null);
            if (kamal != null && !kamal.hostNetwork()) {
                continue; // deployed where Docker lowers the sysctl: Kamal runs the image on Docker's kamal network
            }
            Location at = userLocation(c);
            if (!reported.add(at)) {
                continue;
            }
            if (kamal != null) {
                context.finding(this, at, bind.server() + " listens on port " + bind.port() + " while the container runs"
                                + " as " + describe(user) + ", and " + kamal.file() + " runs it with network: host in"
                                + " the primary role's options: Docker lowers " + PrivilegedPortBind.SYSCTL + " only in"
                                + " the namespaces it creates, the host's own value (1024 by default) applies, and "
                                + FAILS + fileCapabilityIgnored(bind, noNewPrivileges, "no-new-privileges"))
                        .recommendation(bind.move(context, c) + bind.follow(c) + ", or drop network: host from the"
                                + " role's options." + setcap(false, null))
                        .add();
                continue;
            }
            context.finding(this, at, bind.server() + " listens on port " + bind.port() + " while the container runs as "
                            + describe(user) + ": this works on Docker 20.10 and later only because Docker sets "
                            + PrivilegedPortBind.SYSCTL + "=0 in the network namespace it creates for the container;"
                            + " under Podman, on Kubernetes nodes that run CRI-O or containerd 1.x, with host networking"
                            + " and on older Docker the kernel's 1024 applies, and " + FAILS
                            + fileCapabilityIgnored(bind, noNewPrivileges, "no-new-privileges")
                            + (bind.fileCapability() && capabilityDropped && !noNewPrivileges ? "; the image's setcap"
                            + " cap_net_bind_service does not help: cap_drop takes NET_BIND_SERVICE from the container,"
                            + " and the kernel then refuses to start a binary whose file capabilities it cannot grant"
                            + " (\"operation not permitted\")" : ""))
                    .severity(Severity.LOW)
                    .recommendation(bind.move(context, c) + bind.follow(c) + "." + setcap(c.service() != null
                            && !c.service().capDrop().isEmpty(), noNewPrivileges ? "no-new-privileges" : null)
                            + (c.service() == null ? "" : " Or set `sysctls: ["
                            + PrivilegedPortBind.SYSCTL + "=" + bind.lowest() + "]` on " + c.name() + ", which Podman"
                            + " applies as well (not with host networking, and Kubernetes does not read it)."))
                    .add();
        }
    }

    /** A compose service on the host's network: the host's own value of the sysctl applies, 1024 by default. */
    private void hostNetwork(ReviewContext context, Container c, PrivilegedPortBind bind, String user,
            Located<String> network, boolean noNewPrivileges) {
        context.finding(this, ComposeServices.keyed(network), c.name() + " uses network_mode: host, so "
                        + bind.server() + " binds port " + bind.port() + " in the host's network namespace as "
                        + describe(user) + ": Docker lowers " + PrivilegedPortBind.SYSCTL + " only in the namespaces it"
                        + " creates, the host's own value (1024 by default) applies, and " + FAILS
                        + fileCapabilityIgnored(bind, noNewPrivileges, "no-new-privileges"))
                .recommendation(bind.move(context, c) + bind.follow(c) + "." + setcap(!c.service().capDrop().isEmpty(),
                        noNewPrivileges ? "no-new-privileges" : null))
                .add();
    }

    /**
     * A Kubernetes container that runs the image as a non-root user, its own runAsUser or the image's USER: whether it
     * fails to bind; {@code add}: the finding is added.
     */
    private boolean kubernetes(ReviewContext context, Container c, PrivilegedPortBind image, KubernetesRuns run,
            boolean add) {
        KubeSecurity security = run.security();
        // the manifest's env may give the variable the server reads its port from a number: it listens there
        PrivilegedPortBind bind = PrivilegedPortBind.inKubernetes(context, c, run, image).orElse(null);
        if (bind == null || Boolean.TRUE.equals(security.privileged()) || !run.container().command().isEmpty()
                || bind == image && run.mayMoveServer(null)) {
            return false;
        }
        String user = security.runAsUser() != null
                ? (security.runAsUser() == 0 ? null : "UID " + security.runAsUser() + " (" + run.runAsUserSetting() + ")")
                : PrivilegedPortBind.nonRootUser(c).map(NonRootPrivilegedPort::describe).orElse(null);
        boolean hostNetwork = run.workload().hostNetwork();
        boolean noNewPrivileges = Boolean.FALSE.equals(security.allowPrivilegeEscalation());
        if (user == null || !hostNetwork && run.workload().sysctls().contains(PrivilegedPortBind.SYSCTL)
                || bind.fileCapability() && !noNewPrivileges) {
            return false;
        }
        var file = context.project().source(run.workload().file()).orElse(null);
        int line = run.container().line();
        if (file == null || line < 1 || line > file.lineCount()) {
            return false;
        }
        if (!add) {
            return true;
        }
        String runtime = hostNetwork ? "the pod uses hostNetwork, so the node's own " + PrivilegedPortBind.SYSCTL
                + " applies (1024 by default)"
                : "Kubernetes lowers " + PrivilegedPortBind.SYSCTL + " only where the pod's securityContext.sysctls"
                        + " does or the node's runtime does it by default (containerd 2.0 does; CRI-O and containerd"
                        + " 1.x keep 1024)";
        context.finding(this, new Location(run.workload().file(), file.lines(line, line)), run.describe() + " runs "
                        + c.build().dockerfile() + "'s image, where " + bind.server() + " listens on port " + bind.port()
                        + ", as " + user + ": " + runtime + (hostNetwork ? ", and " : ", and elsewhere ") + FAILS + " and the pod restarts in a"
                        + " loop (CrashLoopBackOff)" + (addsBindCapability(security) ? "; its capabilities.add of"
                        + " NET_BIND_SERVICE does not change this: Kubernetes sets no ambient capabilities, so a non-root"
                        + " process starts without it" : "")
                        + fileCapabilityIgnored(bind, noNewPrivileges, "allowPrivilegeEscalation: false"))
                .recommendation(bind.move(context, c) + ", with the containerPort and probes of " + run.describe()
                        + " to match." + setcap(!security.capabilitiesDrop().isEmpty(),
                                noNewPrivileges ? "allowPrivilegeEscalation: false" : null) + (hostNetwork ? ""
                        : " Or lower the sysctl for the pod: `securityContext: {sysctls: [{name: " + PrivilegedPortBind.SYSCTL
                                + ", value: \"" + bind.lowest() + "\"}]}` (a safe sysctl since Kubernetes 1.22)."))
                .add();
        return true;
    }

    private static boolean addsBindCapability(KubeSecurity security) {
        return security.capabilitiesAdd().stream().map(c -> c.toUpperCase(java.util.Locale.ROOT))
                .anyMatch(c -> c.equals("NET_BIND_SERVICE") || c.equals("CAP_NET_BIND_SERVICE") || c.equals("ALL"));
    }

    /** Whether the service's cap_drop takes NET_BIND_SERVICE (or ALL) and its cap_add does not give it back. */
    private static boolean dropsBindCapability(dev.drydock.core.compose.Service service) {
        java.util.function.Predicate<String> bindOrAll = c -> {
            String name = c == null ? "" : c.strip().toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "");
            return name.equals("ALL") || name.equals("NET_BIND_SERVICE");
        };
        return service.capDrop().stream().map(c -> c.value()).anyMatch(bindOrAll)
                && service.capAdd().stream().map(c -> c.value()).noneMatch(bindOrAll);
    }

    /** Why the image's own setcap does not help: no_new_privs makes the kernel ignore file capabilities at exec. */
    private static String fileCapabilityIgnored(PrivilegedPortBind bind, boolean noNewPrivileges, String setting) {
        return bind.fileCapability() && noNewPrivileges ? "; the image's setcap cap_net_bind_service does not help: under "
                + setting + " the kernel ignores file capabilities when it starts the server" : "";
    }

    /**
     * The other way: the capability on the server's binary, kept in the bounding set where capabilities are dropped;
     * nothing where {@code noNewPrivileges} names the setting under which the kernel would ignore it.
     */
    private static String setcap(boolean dropsCapabilities, String noNewPrivileges) {
        if (noNewPrivileges != null) {
            return "";
        }
        return " Or keep the port and give the server's binary the capability in the image: RUN setcap"
                + " cap_net_bind_service=+ep on it (libcap's setcap)" + (dropsCapabilities ? ", and add NET_BIND_SERVICE"
                + " back to the capabilities the container keeps, without which the binary does not start" : "") + ".";
    }

    /** Where the user is set: compose user: or USER, else the FROM of a base image that starts as non-root. */
    private static Location userLocation(Container c) {
        if (c.user() != null && c.user().origin() != null) {
            return new Location(c.user().origin().file(), c.user().origin().span());
        }
        return new Location(c.build().dockerfile(), Stages.rootStage(c.build().model(), c.build().stage()).from().span());
    }

    private static String describe(String user) {
        return user.startsWith("that ") ? "the non-root user " + user : user.startsWith("UID ") ? user
                : "the non-root user " + user;
    }
}
