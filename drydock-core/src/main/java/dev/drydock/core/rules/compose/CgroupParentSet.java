package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;

@RuleDefinition(
        id = "cgroup-parent-set",
        title = "Custom parent cgroup",
        severity = Severity.LOW,
        category = Category.SECURITY,
        checks = "cgroup_parent on every compose service, when it is set to a non-empty value.",
        problem = "cgroup_parent moves the container out of the cgroup the engine manages into one that the host"
                + " defines: its CPU, memory and PID limits become the sum of what that cgroup allows, shared"
                + " with whatever else runs in it, and the stack depends on a host that has it.",
        impact = "Limits that look set in the compose file may not hold, and the stack does not start on a host"
                + " without that cgroup.",
        recommendation = "Remove cgroup_parent and set the service's limits with deploy.resources (or mem_limit,"
                + " cpus, pids_limit) in the compose file.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#cgroup_parent",
                "https://docs.docker.com/reference/cli/dockerd/#default-cgroup-parent"},
        aliases = {"Cgroup Not Default"},
        effort = "10 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          worker:
                            image: example/worker:3.2.0
                            cgroup_parent: batch.slice
                        """,
                good = """
                        services:
                          worker:
                            image: example/worker:3.2.0
                            deploy:
                              resources:
                                limits:
                                  cpus: "2"
                                  memory: 1G
                        """))
public final class CgroupParentSet implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            String parent = service.node().string("cgroup_parent");
            if (parent == null || parent.isBlank()) {
                continue;
            }
            context.finding(this, ComposeServices.keyed(service.node(), "cgroup_parent"), service.name()
                            + " runs under the host's cgroup " + parent.trim() + " instead of the engine's: its"
                            + " limits are shared with whatever else runs there")
                    .recommendation("Remove cgroup_parent from " + service.name()
                            + " and set its limits under deploy.resources.")
                    .add();
        }
    }
}
