package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ImageVariables;
import dev.drydock.core.rules.support.TlsSwitches;
import dev.drydock.core.rules.support.TlsSwitches.Switch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "tls-verification-disabled",
        title = "TLS certificate verification is turned off",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The RUNs (shell and exec form, heredocs included), ENVs and ARGs of every stage a build uses:"
                + " curl -k/--insecure, wget --no-check-certificate, pip/uv --trusted-host and pip config"
                + " global.trusted-host, git -c http.sslVerify=false and git config http.sslVerify false,"
                + " npm/yarn/pnpm config set strict-ssl false (and --strict-ssl=false, yarn enableStrictSsl false),"
                + " sslverify=0|false|no|off (yum/dnf --setopt or written into their configuration), wget"
                + " check_certificate=off; and the variables PYTHONHTTPSVERIFY=0, NODE_TLS_REJECT_UNAUTHORIZED=0,"
                + " GIT_SSL_NO_VERIFY (any value), NPM_CONFIG_STRICT_SSL=false, YARN_ENABLE_STRICT_SSL=false,"
                + " PIP_TRUSTED_HOST, UV_INSECURE_HOST and GOINSECURE, set by ENV, ARG, before a command or by export.",
        problem = "Without certificate verification a download is no longer tied to the server it names: anyone on"
                + " the network path (a proxy, a compromised Wi-Fi, a hijacked DNS answer) can answer instead.",
        impact = "Packages, scripts and binaries fetched during the build can be replaced by an attacker's, and code"
                + " the image later runs with the same variables (ENV) trusts any certificate too.",
        recommendation = "Keep verification on. Behind a TLS-inspecting proxy, give the tools its CA certificate"
                + " instead: COPY it to /usr/local/share/ca-certificates/ and run update-ca-certificates, or point"
                + " the tool at it (curl --cacert, pip --cert, NODE_EXTRA_CA_CERTS, git http.sslCAInfo).",
        references = {
                "https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html",
                "https://curl.se/docs/sslcerts.html",
                "https://pip.pypa.io/en/stable/topics/https-certificates/",
                "https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue",
                "https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify"},
        aliases = {"CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6",
                "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16"},
        fix = FixSafety.NONE,
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
                         && curl -fsSLk -o /tmp/tool.tar.gz https://example.com/tool-1.2.0.tar.gz
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
                         && curl -fsSL -o /tmp/tool.tar.gz https://example.com/tool-1.2.0.tar.gz
                        """))
public final class TlsVerificationDisabled implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Set<Integer> reported = new HashSet<>();
            for (Stage stage : image.neededStages()) {
                for (Step step : stage.steps()) {
                    variables(context, image, step.instruction(), reported);
                }
            }
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                for (Call call : run.run().calls()) {
                    for (Switch found : TlsSwitches.in(call)) {
                        report(context, image, found, "RUN", reported);
                    }
                }
            }
        }
    }

    private void variables(ReviewContext context, BuiltImage image, Instruction instruction, Set<Integer> reported) {
        for (KeyValue entry : ImageVariables.entries(instruction)) {
            if (!entry.hasValue()) {
                continue;
            }
            TlsSwitches.variable(entry.name().value(), entry.value().value(), entry.span())
                    .ifPresent(found -> report(context, image, found, instruction.kind().name(), reported));
        }
    }

    private void report(ReviewContext context, BuiltImage image, Switch found, String where, Set<Integer> reported) {
        if (!reported.add(found.span().start())) {
            return;
        }
        context.finding(this, image.dockerfile(), found.span(), where + " " + found.text() + " " + found.effect())
                .recommendation("Remove " + found.text() + "; if a proxy re-signs TLS traffic, install its CA"
                        + " certificate in the image (update-ca-certificates) or pass it to the tool ("
                        + found.instead() + ").")
                .add();
    }
}
