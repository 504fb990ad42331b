package dev.drydock.core.rules.compose;

import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;

@RuleDefinition(
        id = "privileged-container",
        title = "Privileged compose service",
        severity = Severity.CRITICAL,
        category = Category.SECURITY,
        checks = "`privileged: true` on a compose service, in any file of the project (override files included)"
                + " (critical), and a build that asks for privileges: `build.privileged: true` or the"
                + " security.insecure entitlement (high); in a devcontainer.json, `\"privileged\": true` and"
                + " `--privileged` in runArgs.",
        problem = "A privileged container gets every capability, every host device, no seccomp or AppArmor"
                + " profile and a writable /sys: root in it can mount the host's disks, load kernel modules and"
                + " leave the container.",
        impact = "Whoever gets code execution in the service (one vulnerable dependency is enough) owns the host"
                + " and every other container on it.",
        recommendation = "Remove `privileged: true`. Grant only what the service needs: one capability with cap_add,"
                + " one device with devices:, a sysctl with sysctls:.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#privileged",
                "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-3-limit-capabilities-grant-only-specific-capabilities-needed-by-a-container",
                "https://containers.dev/implementors/json_reference/"},
        aliases = {"Privileged Containers Enabled"},
        effort = "30 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          vpn:
                            image: qmcgaw/gluetun:v3.39.1
                            privileged: true
                        """,
                good = """
                        services:
                          vpn:
                            image: qmcgaw/gluetun:v3.39.1
                            cap_add:
                              - NET_ADMIN
                            devices:
                              - /dev/net/tun:/dev/net/tun
                        """))
public final class PrivilegedContainer implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            privilegedBuild(context, service);
            if (service.privileged() == null || !Boolean.TRUE.equals(service.privileged().value())) {
                continue;
            }
            context.finding(this, ComposeServices.keyed(service.privileged()), service.name() + " runs privileged:"
                            + " it gets every capability and every host device, with seccomp and AppArmor off, so root"
                            + " in it is root on the host")
                    .recommendation("Remove `privileged: true` from " + service.name() + " and add only what it needs:"
                            + " a capability under cap_add, a device under devices.")
                    .add();
        }
        for (DevContainer dev : context.project().devContainers()) {
            DevContainer.Value privileged = dev.privileged() != null ? dev.privileged() : dev.privilegedRunArg();
            if (privileged != null) {
                context.finding(this, new Location(dev.path(), privileged.span()), dev.path() + " runs the dev container"
                                + " privileged: it gets every capability and every host device, with seccomp and AppArmor"
                                + " off, so root in it (the remote user's sudo) is root on the machine that runs it,"
                                + " for whatever a dependency's install script or an extension runs there")
                        .recommendation("Remove " + (privileged == dev.privileged() ? "\"privileged\": true"
                                : "--privileged from runArgs") + " in " + dev.path() + " and add only what the dev"
                                + " container needs: a capability (--cap-add=SYS_PTRACE for a debugger), a device"
                                + " (--device).")
                        .add();
            }
        }
    }

    /** {@code build.privileged: true} or {@code build.entitlements: [security.insecure]}. */
    private void privilegedBuild(ReviewContext context, Service service) {
        if (service.build() == null || !(service.build().node() instanceof MapNode build)) {
            return;
        }
        Location at = "true".equalsIgnoreCase(String.valueOf(build.string("privileged")))
                ? ComposeServices.keyed(build, "privileged") : null;
        if (at == null && build.seq("entitlements") != null) {
            for (Node item : build.seq("entitlements").items()) {
                if (item instanceof ScalarNode s && s.value().trim().equals("security.insecure")) {
                    at = ComposeServices.location(s);
                }
            }
        }
        if (at == null) {
            return;
        }
        context.finding(this, at, "the build of " + service.name() + " asks for privileges: RUN steps marked"
                        + " --security=insecure then run like a privileged container on the builder's host")
                .severity(Severity.HIGH)
                .recommendation("Remove the privileged build setting of " + service.name() + "; do what the privileged"
                        + " step does (mounting, loop devices) outside the image build.")
                .add();
    }
}
