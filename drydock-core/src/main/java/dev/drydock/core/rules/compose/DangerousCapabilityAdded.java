package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.StartCapabilities;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "dangerous-capability-added",
        title = "Dangerous capability added",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Each cap_add entry of a compose service, named as the engine reads it (any case, with or without"
                + " CAP_). High for ALL (which cap_drop: [ALL] does not cancel) and for the capabilities that reach"
                + " past the container: SYS_ADMIN, SYS_MODULE, SYS_RAWIO, SYS_PTRACE, DAC_READ_SEARCH, BPF, MAC_ADMIN,"
                + " MAC_OVERRIDE, SYS_BOOT. Medium for NET_ADMIN (high with network_mode: host, where it rules the"
                + " host's network), SYS_TIME, PERFMON and SYSLOG. Capabilities that act inside the container only"
                + " (NET_BIND_SERVICE, CHOWN, IPC_LOCK, SYS_NICE...) are left alone. SYS_ADMIN on a service whose"
                + " image installs Chromium or Chrome is what its sandbox asks for: the recommendation then keeps the"
                + " sandbox through a seccomp profile, or turns it off with --no-sandbox, instead of the capability."
                + " DAC_READ_SEARCH on a service whose entry point reads, as root, the folders its server made private"
                + " (the official postgres, mysql, mariadb and mongo images) is what that start asks for: the"
                + " recommendation then replaces it with DAC_OVERRIDE, which allows the same reads within the"
                + " container.",
        problem = "These capabilities are most of what privileged mode gives: mounting file systems, loading kernel"
                + " modules, reading any process's memory, opening host files by handle; the known container"
                + " escapes start from them.",
        impact = "A compromise of the service becomes a compromise of the host.",
        recommendation = "Remove the capability, or run the task that needs it (a mount, a VPN tunnel) on the host or"
                + " in a one-off container; keep only capabilities that act inside the container.",
        references = {
                "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
                "https://docs.docker.com/reference/compose-file/services/#cap_add",
                "https://man7.org/linux/man-pages/man7/capabilities.7.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-3-limit-capabilities-grant-only-specific-capabilities-needed-by-a-container"},
        aliases = {"Container Capabilities Unrestricted"},
        effort = "30 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: nginx:1.27.2
                            cap_add:
                              - SYS_ADMIN
                        """,
                good = """
                        services:
                          web:
                            image: nginx:1.27.2
                            cap_drop:
                              - ALL
                            cap_add:
                              - CHOWN
                              - SETUID
                              - SETGID
                              - NET_BIND_SERVICE
                        """))
public final class DangerousCapabilityAdded implements Rule {

    private static final Map<String, String> HIGH = Map.of(
            "ALL", "gives back every capability, close to privileged mode (cap_drop: [ALL] does not cancel it)",
            "SYS_ADMIN", "allows mounting file systems and most of what root can do on the host; most container"
                    + " escapes start from it",
            "SYS_MODULE", "allows loading kernel modules, that is running code in the host's kernel",
            "SYS_RAWIO", "gives raw access to I/O ports and device memory",
            "SYS_PTRACE", "allows reading and changing the memory of any process the container can see",
            "DAC_READ_SEARCH", "allows opening host files by handle (open_by_handle_at), the way out of the container"
                    + " the Shocker exploit used",
            "BPF", "allows loading eBPF programs into the host's kernel",
            "MAC_ADMIN", "allows changing the AppArmor or SELinux policy that confines containers",
            "MAC_OVERRIDE", "allows bypassing the AppArmor or SELinux policy that confines containers",
            "SYS_BOOT", "allows rebooting the host and loading a new kernel");

    private static final Map<String, String> MEDIUM = Map.of(
            "NET_ADMIN", "allows reconfiguring interfaces, routes and firewall rules of its network namespace",
            "SYS_TIME", "allows setting the host's clock, which is not namespaced",
            "PERFMON", "allows performance monitoring of the kernel, which leaks kernel addresses",
            "SYSLOG", "allows reading the kernel log, which leaks kernel addresses");

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            boolean hostNetwork = service.networkMode() != null && service.networkMode().value().equals("host");
            for (Located<String> added : service.capAdd()) {
                String cap = HardeningTargets.capability(added.value());
                String high = HIGH.get(cap);
                String medium = MEDIUM.get(cap);
                if (high == null && medium == null) {
                    continue;
                }
                Severity severity = high != null ? Severity.HIGH : Severity.MEDIUM;
                String effect = high != null ? high : medium;
                if (cap.equals("NET_ADMIN") && hostNetwork) {
                    severity = Severity.HIGH;
                    effect = "allows reconfiguring the host's interfaces, routes and firewall, since the service"
                            + " uses the host's network (network_mode: host)";
                }
                context.finding(this, ComposeServices.location(added.node()), service.name() + " adds the capability "
                                + cap + ", which " + effect)
                        .severity(severity)
                        .recommendation(cap.equals("SYS_ADMIN") ? chromium(context, service)
                                .map(at -> sandboxRecommendation(service, added.value(), at))
                                .orElse(removal(service, added.value()))
                                : cap.equals(StartCapabilities.READ_ONLY_BYPASS) ? readsPrivateFolders(context, service)
                                        .map(needs -> replacement(service, added.value(), needs))
                                        .orElse(removal(service, added.value()))
                                : removal(service, added.value()))
                        .add();
            }
        }
    }

    private static String removal(Service service, String written) {
        return "Remove " + written + " from cap_add of " + service.name() + ", or move the task that needs it out of"
                + " the long-running service.";
    }

    /**
     * What the service's start needs when its entry point reads, as root, folders its server made private: the need
     * that DAC_READ_SEARCH is usually added for, which DAC_OVERRIDE meets without open_by_handle_at.
     */
    private static Optional<StartCapabilities> readsPrivateFolders(ReviewContext context, Service service) {
        return StartCapabilities.of(context, service)
                .filter(needs -> needs.capabilities().contains(StartCapabilities.READ_PRIVATE_FOLDERS));
    }

    private static String replacement(Service service, String written, StartCapabilities needs) {
        return "Replace " + written + " with " + StartCapabilities.READ_PRIVATE_FOLDERS + " in cap_add of "
                + service.name() + ": " + needs.reason() + ", and reading the folders its server keeps private is"
                + " what it needs " + written + " for; " + StartCapabilities.READ_PRIVATE_FOLDERS + " allows that too"
                + " but not opening files by handle, the way out of the container"
                + (needs.nonRootUser() == null ? "." : ". Or run it as its own user from the start (`user: "
                        + needs.nonRootUser() + "`), which skips these steps and needs neither.");
    }

    /** Where the service's image installs Chromium or Chrome, whose sandbox is what SYS_ADMIN is usually added for. */
    private static Optional<Origin> chromium(ReviewContext context, Service service) {
        Container c = ComposeServices.container(context, service);
        ImageContents image = c == null ? null : ImageContents.of(c);
        return image == null ? Optional.empty() : image.installed("chromium").map(ImageContents.Install::origin);
    }

    private static String sandboxRecommendation(Service service, String written, Origin at) {
        return "The image installs Chromium (" + at.file() + " line " + at.line() + "), whose sandbox is what SYS_ADMIN"
                + " is usually added for: keep the sandbox without the capability through a seccomp profile that"
                + " allows the namespace calls it makes (security_opt: [\"seccomp=chrome.json\"]), or start Chromium"
                + " with --no-sandbox, which leaves the container's own isolation in place; then remove " + written
                + " from cap_add of " + service.name() + ".";
    }
}
