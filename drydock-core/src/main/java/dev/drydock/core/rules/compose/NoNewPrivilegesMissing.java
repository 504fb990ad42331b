package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeListEdits;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ServiceGroup;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(
        id = "no-new-privileges-missing",
        title = "no-new-privileges not set",
        severity = Severity.LOW,
        category = Category.SECURITY,
        checks = "security_opt of the services built by the project (build:), declared outside development files"
                + " and not privileged: a finding when no entry sets no-new-privileges (`no-new-privileges`,"
                + " `no-new-privileges:true` or `=true`), at security_opt when it exists, else at the service."
                + " `no-new-privileges:false` is reported on any service.",
        problem = "Without the flag, a process in the container can gain privileges by running a setuid-root"
                + " program (su, sudo, a setuid binary an attacker finds or planted) or a file with capabilities.",
        impact = "An attacker with code execution as the service's non-root user has one more way to root in the"
                + " container.",
        recommendation = "Add `security_opt: [\"no-new-privileges:true\"]`. It blocks privilege gains through"
                + " exec only; an entrypoint that starts as root and drops to a user (gosu, su-exec) keeps working,"
                + " a program that needs sudo or file capabilities at run time does not.",
        references = {
                "https://docs.docker.com/reference/cli/docker/container/run/#security-opt",
                "https://docs.docker.com/reference/compose-file/services/#security_opt",
                "https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-4-prevent-in-container-privilege-escalation"},
        aliases = {"No New Privileges Not Set", "Security Opt Not Set"},
        fix = FixSafety.UNSAFE,
        effort = "2 min",
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
                            security_opt:
                              - no-new-privileges:true
                        """))
public final class NoNewPrivilegesMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        List<ComposeServices.Ref> lacking = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Boolean set = null;
            Located<String> turnedOff = null;
            for (Located<String> entry : service.securityOpt()) {
                Boolean nnp = SecurityOption.of(entry).noNewPrivileges();
                if (nnp != null) {
                    set = nnp;
                    turnedOff = nnp ? null : entry;
                }
            }
            if (turnedOff != null) {
                context.finding(this, ComposeServices.location(turnedOff.node()), service.name()
                                + " turns no-new-privileges off (" + turnedOff.value().trim() + "): its processes can"
                                + " gain root through setuid programs")
                        .recommendation("Write `no-new-privileges:true` instead, unless " + service.name()
                                + " needs sudo or a setuid program at run time.")
                        .add();
            } else if (!Boolean.TRUE.equals(set) && HardeningTargets.applies(ref)) {
                lacking.add(ref);
            }
        }
        for (ServiceGroup group : ServiceGroup.of(context, lacking, NoNewPrivilegesMissing::securityOptions)) {
            Location at = securityOptions(group.first());
            TextEdit edit = ComposeListEdits.addItem(group.mapping(), "security_opt", "no-new-privileges:true");
            String target = at == null ? group.target() : group.names();
            context.finding(this, at != null ? at : group.location(), group.subject() + " " + (group.members().size() > 1
                            ? "do" : "does") + " not set no-new-privileges: a process in " + group.oneOfThem()
                            + " can gain root by running a setuid program")
                    .implicit()
                    .recommendation("Add `no-new-privileges:true` under security_opt of " + target + ".")
                    .fix(edit == null ? null : Fix.of("set no-new-privileges on " + target, FixSafety.UNSAFE, edit))
                    .add();
        }
    }

    /** The service's security_opt key, where it or the mapping it merges writes one. */
    private static Location securityOptions(ComposeServices.Ref ref) {
        return ComposeServices.keyed(ref.service().node(), "security_opt");
    }
}
