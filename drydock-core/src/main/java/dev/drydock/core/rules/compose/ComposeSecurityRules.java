package dev.drydock.core.rules.compose;

import dev.drydock.core.review.Rule;
import java.util.List;

/** Rules about the isolation of compose services from their host: privileges, namespaces, mounts, ports. */
public final class ComposeSecurityRules {

    private ComposeSecurityRules() {}

    public static List<Rule> all() {
        return List.of(
                new PrivilegedContainer(),
                new DockerSocketMounted(),
                new DangerousCapabilityAdded(),
                new CapabilitiesNotDropped(),
                new HostNamespaceShared(),
                new SensitiveHostPathMounted(),
                new SensitiveDevicePassthrough(),
                new SecurityProfileDisabled(),
                new NoNewPrivilegesMissing(),
                new WritableRootFilesystem(),
                new PortPublishedOnAllInterfaces(),
                new DatabaseAuthenticationDisabled(),
                new SpringActuatorEndpointsExposed(),
                new PrivilegedHostPort(),
                new CgroupParentSet(),
                new SharedMountPropagation());
    }
}
