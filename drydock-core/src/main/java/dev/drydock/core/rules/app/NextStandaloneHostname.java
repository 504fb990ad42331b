package dev.drydock.core.rules.app;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.FinalStageEnv;
import dev.drydock.core.rules.support.LoopbackHosts;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.Processes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "next-standalone-hostname",
        title = "Next.js standalone server listens on the container's hostname, and the health check asks localhost",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Containers that run Next's standalone server (`node server.js` from .next/standalone) and probe it"
                + " on localhost, 127.0.0.1 or ::1 (a Dockerfile HEALTHCHECK or compose `healthcheck.test`) while"
                + " neither the image (ENV) nor the compose service sets HOSTNAME. Quiet when package.json asks for a"
                + " Next.js older than 13.1, whose server.js listened on localhost whatever HOSTNAME said. The fix adds"
                + " ENV HOSTNAME=0.0.0.0 before the final stage's CMD.",
        problem = "server.js listens on process.env.HOSTNAME (0.0.0.0 only when it is unset), and Docker sets"
                + " HOSTNAME in every container to the container's ID, which /etc/hosts maps to the container's"
                + " network address: the server listens there and not on the loopback interface.",
        impact = "Published ports work, but a probe of localhost is refused: the container is unhealthy from its"
                + " first check on, services that wait for it (depends_on: condition: service_healthy) never start"
                + " and autoheal or Swarm restart it again and again.",
        recommendation = "Set ENV HOSTNAME=0.0.0.0 in the final stage, as Next's with-docker example does (or HOSTNAME"
                + " in the compose service's environment).",
        references = {
                "https://nextjs.org/docs/app/api-reference/config/next-config-js/output",
                "https://github.com/vercel/next.js/pull/44627",
                "https://docs.docker.com/engine/containers/run/#environment-variables"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11-slim
                        WORKDIR /app
                        COPY .next/standalone ./
                        COPY .next/static ./.next/static
                        USER node
                        HEALTHCHECK CMD ["node", "-e", "fetch('http://localhost:3000/').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
                        CMD ["node", "server.js"]
                        """,
                good = """
                        FROM node:22.11-slim
                        WORKDIR /app
                        COPY .next/standalone ./
                        COPY .next/static ./.next/static
                        USER node
                        HEALTHCHECK CMD ["node", "-e", "fetch('http://localhost:3000/').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
                        ENV HOSTNAME=0.0.0.0
                        CMD ["node", "server.js"]
                        """,
                alongside = @ExampleFile(name = "next.config.js", content = """
                        module.exports = { output: 'standalone' };
                        """)))
public final class NextStandaloneHostname implements Rule {

    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    @Override
    public void check(ReviewContext context) {
        Set<Location> seen = new HashSet<>();
        for (Container c : context.builtContainers()) {
            EntryPoint ep = Processes.serving(c);
            if (ep == null || ep.runtime() != Runtime.NEXT_STANDALONE || ep.option("host") != null
                    || ep.environment().containsKey("HOSTNAME") || olderThanHostnameSupport(c)) {
                continue;
            }
            EffectiveHealthcheck hc = c.healthcheck();
            Probes.Probe probe = Probes.of(hc);
            if (probe == null) {
                continue;
            }
            for (Probes.Url url : probe.urls()) {
                if (!LoopbackHosts.isLoopback(url.host())) {
                    continue;
                }
                Location at = Probes.locateText(c, hc, url.text());
                if (seen.add(at)) {
                    context.finding(this, at, "the probe asks " + url.text() + ", but Next's standalone server"
                                    + " listens on $HOSTNAME, which the image does not set: Docker sets it to the"
                                    + " container's ID, so the server answers on the container's network address"
                                    + " only, the probe is refused and the container never becomes healthy")
                            .recommendation("Add ENV HOSTNAME=0.0.0.0 to the final stage of " + c.build().dockerfile()
                                    + " (or HOSTNAME: 0.0.0.0 under the compose service's environment).")
                            .fix(fix(c))
                            .breaks()
                            .add();
                }
            }
        }
    }

    /** ENV HOSTNAME=0.0.0.0 on the line before the final stage's CMD or ENTRYPOINT, when the stage writes one. */
    private static Fix fix(Container c) {
        TextEdit edit = FinalStageEnv.beforeCommand(c, "HOSTNAME=0.0.0.0");
        return edit == null ? null : Fix.of("set ENV HOSTNAME=0.0.0.0 in the final stage", FixSafety.SAFE, edit);
    }

    /** Whether package.json asks for a Next.js before 13.1, whose server.js did not read HOSTNAME. */
    static boolean olderThanHostnameSupport(Container c) {
        List<Dependency> next = AppFacts.dependencies(c, Ecosystem.NPM, List.of("next"));
        if (next.isEmpty() || next.get(0).constraint() == null) {
            return false;
        }
        Matcher m = VERSION.matcher(next.get(0).constraint());
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return major < 13 || major == 13 && minor < 1;
    }
}
