package dev.drydock.core.rules.app;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.CurlProbes;
import dev.drydock.core.review.Location;
import java.util.HashSet;
import java.util.Set;

@RuleDefinition(
        id = "healthcheck-ignores-http-errors",
        title = "The healthcheck's curl passes on HTTP errors",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Healthchecks (a Dockerfile's HEALTHCHECK and compose `healthcheck.test`, exec and shell form) that"
                + " run curl against an HTTP address without --fail (-f, also inside -fsS) or --fail-with-body, and"
                + " whose result is not looked at otherwise: a curl whose output goes into a pipe (| grep ok) or that"
                + " prints the status with --write-out is left alone. wget needs no option: it exits with 8 on an"
                + " HTTP error.",
        problem = "curl exits 0 whenever it gets an HTTP response, whatever its status: a 500 from a broken"
                + " application or a 404 from a wrong path counts as success.",
        impact = "The container is reported healthy while it fails every request: Compose starts the services that"
                + " wait for it, Swarm and load balancers keep sending it traffic, and nothing restarts it.",
        recommendation = "Add --fail (-f) to the curl of the probe, so that an HTTP status of 400 or more makes it"
                + " exit with 22 and the probe fail: `curl -fsS http://localhost:8000/health || exit 1`.",
        references = {
                "https://curl.se/docs/manpage.html#-f",
                "https://docs.docker.com/reference/dockerfile/#healthcheck"},
        fix = FixSafety.UNSAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2-alpine
                        HEALTHCHECK --interval=30s --timeout=3s CMD curl -s http://localhost/ || exit 1
                        """,
                good = """
                        FROM nginx:1.27.2-alpine
                        HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1
                        """))
public final class HealthcheckIgnoresHttpErrors implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<Location> seen = new HashSet<>();
        for (Container c : context.project().containers()) {
            for (CurlProbes.Curl curl : CurlProbes.ignoringStatus(c, c.healthcheck())) {
                if (seen.add(curl.location())) {
                    report(context, curl);
                }
            }
        }
    }

    private void report(ReviewContext context, CurlProbes.Curl curl) {
        String target = CurlProbes.target(curl.args());
        context.finding(this, curl.location(), "the probe's curl (" + target + ") has no --fail: it exits 0 for any"
                        + " HTTP answer, a 500 of a failing application or a 404 of a wrong path included, so the"
                        + " container is reported healthy while its requests fail")
                .recommendation("Write curl -f (--fail), which exits with 22 on a status of 400 or more: `curl -fsS "
                        + target + "`; check first that " + target + " answers 200 when the application works.")
                .fix(curl.addFail() == null ? null
                        : Fix.of("make the probe's curl fail on HTTP errors", FixSafety.UNSAFE, curl.addFail()))
                .breaks()
                .add();
    }
}
