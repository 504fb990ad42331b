package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;

@RuleDefinition(
        id = "security-profile-disabled",
        title = "Seccomp, AppArmor or SELinux confinement turned off",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The security_opt entries of every compose service, read as the engine reads them (`key=value` or"
                + " `key:value`): seccomp=unconfined, apparmor=unconfined, label=disable and"
                + " systempaths=unconfined. A custom profile (`seccomp=./profile.json`) is left alone.",
        problem = "Docker's default seccomp profile blocks about 44 system calls (keyctl, add_key, unshare, mount,"
                + " bpf...) that most kernel exploits and container escapes use; AppArmor and SELinux keep the"
                + " container away from host files even when a mount or a capability lets it through.",
        impact = "One kernel vulnerability reachable through a blocked system call becomes a way out of the"
                + " container.",
        recommendation = "Remove the entry. If a program needs one blocked system call, write a seccomp profile"
                + " that adds just that call to Docker's default one and point to it with seccomp=profile.json.",
        references = {
                "https://docs.docker.com/engine/security/seccomp/",
                "https://docs.docker.com/engine/security/apparmor/",
                "https://docs.docker.com/reference/compose-file/services/#security_opt",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-6-use-linux-security-module-seccomp-apparmor-or-selinux"},
        aliases = {"Default Seccomp Profile Disabled"},
        effort = "30 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          browser:
                            image: browserless/chrome:1.61.1-puppeteer-21.4.1
                            security_opt:
                              - seccomp=unconfined
                        """,
                good = """
                        services:
                          browser:
                            image: browserless/chrome:1.61.1-puppeteer-21.4.1
                            security_opt:
                              - seccomp=./chrome-seccomp.json
                        """))
public final class SecurityProfileDisabled implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Located<String> entry : service.securityOpt()) {
                String off = SecurityOption.of(entry).disabledProtection();
                if (off == null) {
                    continue;
                }
                context.finding(this, ComposeServices.location(entry.node()), service.name() + " turns off " + off
                                + " (" + entry.value().trim() + ")")
                        .recommendation("Remove `" + entry.value().trim() + "` from security_opt of " + service.name()
                                + "; if one system call is missing, allow it in a profile derived from Docker's"
                                + " default.")
                        .add();
            }
        }
    }
}
