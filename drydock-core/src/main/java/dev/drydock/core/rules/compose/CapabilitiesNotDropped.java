package dev.drydock.core.rules.compose;

import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ServiceGroup;
import dev.drydock.core.rules.support.StartCapabilities;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "capabilities-not-dropped",
        title = "Default capabilities kept",
        severity = Severity.LOW,
        category = Category.SECURITY,
        checks = "Services built by the project (build:), declared outside development files and not privileged,"
                + " that have no cap_drop at all. A cap_drop that names some capabilities is taken as a deliberate"
                + " choice; pulled images (databases, proxies) are left alone, since many start as root and need"
                + " capabilities that their documentation does not list, and so are images built on an official"
                + " server image that keep its entry point (FROM postgres, mysql, mariadb, mongo, redis, rabbitmq), which"
                + " starts as root to take over the data folders and switch to the server's user.",
        problem = "Docker gives every container 14 capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW...). A web"
                + " application needs none of them; they help an attacker who gets code execution as root in it"
                + " (forging packets with NET_RAW, reading any file with DAC_OVERRIDE).",
        impact = "A compromise of the service has more room than it needs: defense in depth is missing.",
        recommendation = "Add `cap_drop: [ALL]` and add back, with cap_add, only what the service proves to need"
                + " (NET_BIND_SERVICE for a port below 1024, CHOWN/SETUID/SETGID for an entrypoint that drops root)."
                + " Where drydock can read what the service's start needs (an entry-point script that chowns and"
                + " switches users with gosu, su-exec or setpriv; nginx built on the official image; a server that"
                + " binds a port below 1024 as root, which Docker 20.10 and later allow without NET_BIND_SERVICE but"
                + " host networking, Podman and older Docker do not), the finding names it: `cap_drop: [ALL]` with"
                + " `cap_add: [CHOWN, NET_BIND_SERVICE, SETGID, SETUID]` for nginx on port 80, so that following it"
                + " does not stop the container from starting.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#cap_drop",
                "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-3-limit-capabilities-grant-only-specific-capabilities-needed-by-a-container"},
        aliases = {"Container Capabilities Unrestricted"},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          api:
                            build: .
                            user: "10001"
                        """,
                good = """
                        services:
                          api:
                            build: .
                            user: "10001"
                            cap_drop:
                              - ALL
                        """))
public final class CapabilitiesNotDropped implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ServiceGroup group : ServiceGroup.of(context, HardeningTargets.without(context, "cap_drop"))) {
            context.finding(this, group.location(), group.subject() + " keep" + (group.members().size() > 1 ? "" : "s")
                            + " Docker's 14 default capabilities (no cap_drop), which an attacker running code in "
                            + group.oneOfThem() + " can use")
                    .implicit()
                    .recommendation(recommendation(context, group))
                    .add();
        }
    }

    /** The advice, with the cap_add each service's start needs where drydock knows it ({@link StartCapabilities}). */
    private static String recommendation(ReviewContext context, ServiceGroup group) {
        List<String> needs = new ArrayList<>();
        for (ComposeServices.Ref member : group.members()) {
            StartCapabilities start = StartCapabilities.of(context, member.service()).orElse(null);
            StartCapabilities.PortBind bind = StartCapabilities.lowPort(context, member.service()).orElse(null);
            if (start == null && bind == null) {
                continue;
            }
            List<String> caps = new ArrayList<>(start == null ? List.of() : start.capabilities());
            List<String> reasons = new ArrayList<>();
            if (start != null) {
                reasons.add(start.reason());
            }
            if (bind != null) {
                caps.add(StartCapabilities.PortBind.CAPABILITY);
                reasons.add(bind.reason());
            }
            String list = "[" + String.join(", ", caps.stream().sorted().toList()) + "]";
            needs.add((group.members().size() > 1 ? member.name() + " needs `cap_add: " + list + "`"
                    : "`cap_add: " + list + "`") + " (" + String.join("; ", reasons) + ")");
        }
        String add = "Add `cap_drop: [ALL]` to " + group.target() + (group.shared() ? "," : "");
        if (needs.isEmpty()) {
            return add + " and add back with cap_add only what " + (group.members().size() > 1 ? "each needs" : "it needs")
                    + " to start.";
        }
        if (group.members().size() == 1) {
            return add + " with " + needs.get(0) + ", what it needs to start; add back nothing else unless it proves"
                    + " to need it.";
        }
        return add + " and add back with cap_add only what each needs to start: " + String.join("; ", needs) + ".";
    }
}
